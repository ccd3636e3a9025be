# flags: run overlap=2 external=tools.search ordered=tools.send_email
from openai import OpenAI

from tools import search, send_email

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


print("Preparing the digest...")
headlines = search("today's technology headlines")
digest = ask(f"Write a three-line digest of: {headlines}")
send_email("team@example.com", digest)
print("Digest sent.")
follow_up = ask("Suggest a topic for tomorrow's digest.")
print("Tomorrow:", follow_up)

# output

from openai import OpenAI

from tools import search, send_email
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        headlines_task = tasks.spawn(
            epic.to_thread(search, "today's technology headlines")
        )
        digest_task = tasks.spawn_after(
            lambda headlines: ask(f"Write a three-line digest of: {headlines}"),
            headlines_task,
        )
        follow_up_task = tasks.spawn(ask("Suggest a topic for tomorrow's digest."))

        print("Preparing the digest...")
        headlines = await headlines_task
        digest = await digest_task
        await epic.to_thread(send_email, "team@example.com", digest)
        print("Digest sent.")
        follow_up = await follow_up_task
        print("Tomorrow:", follow_up)


epic.run(main())
