"""Models a script that files model-written notes into a small REST service.
Shapes: a tiny JSON API on 127.0.0.1 (http.server in a daemon thread, started by the
script itself), `requests.post` creating a record then `requests.get` listing it,
`requests.delete`, `raise_for_status()`, model calls feeding the records.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from openai import OpenAI

NOTES = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._send(200, {"notes": NOTES})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        note = {"id": len(NOTES) + 1, "text": body["text"]}
        NOTES.append(note)
        self._send(201, note)

    def do_DELETE(self):
        note_id = int(self.path.rsplit("/", 1)[1])
        NOTES[:] = [n for n in NOTES if n["id"] != note_id]
        self._send(200, {"deleted": note_id})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
client = OpenAI()

for topic in ["backups", "on-call", "access reviews"]:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"One-line ops reminder about {topic}"}],
        max_tokens=8,
    )
    created = requests.post(f"{base}/notes", json={"text": f"{topic}: {r.choices[0].message.content}"})
    created.raise_for_status()
    print("created note", created.json()["id"])

listing = requests.get(f"{base}/notes").json()
print("notes on server:", len(listing["notes"]))
requests.delete(f"{base}/notes/2").raise_for_status()
for note in requests.get(f"{base}/notes").json()["notes"]:
    print(f"  #{note['id']} {note['text']}")
server.shutdown()
