# flags: run overlap=1
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from openai import OpenAI

NOTES = []


class Notes(BaseHTTPRequestHandler):
    def _reply(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._reply({"notes": NOTES})

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        NOTES.append(json.loads(self.rfile.read(length)))
        self._reply({"id": len(NOTES)})

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Notes)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# The POST creates a record the GET lists: the GET stays after it, though it only
# reads (the world is shared state); the model's answer needs neither.
reminder = ask("One-line reminder about backups.")
requests.post(f"{base}/notes", json={"text": reminder}).raise_for_status()
listing = requests.get(f"{base}/notes").json()
print("notes on the server:", len(listing["notes"]))
server.shutdown()

# output

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from openai import OpenAI
import runtime_shim as epic

NOTES = []


class Notes(BaseHTTPRequestHandler):
    def _reply(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._reply({"notes": NOTES})

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        NOTES.append(json.loads(self.rfile.read(length)))
        self._reply({"id": len(NOTES)})

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Notes)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


async def main() -> None:
    # The POST creates a record the GET lists: the GET stays after it, though it only
    # reads (the world is shared state); the model's answer needs neither.
    reminder = await ask("One-line reminder about backups.")
    (
        await epic.to_thread(requests.post, f"{base}/notes", json={"text": reminder})
    ).raise_for_status()
    listing = (await epic.to_thread(requests.get, f"{base}/notes")).json()
    print("notes on the server:", len(listing["notes"]))
    server.shutdown()


epic.run(main())
