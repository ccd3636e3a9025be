"""Models a link checker that wraps its HTTP calls in try/except.
Shapes: `try: requests.get(...) except requests.ConnectionError`, `raise_for_status()`
raising `requests.HTTPError` for a 404, `requests.Timeout` handled, the model explaining
each failure, all against loopback addresses only (a local server and a closed port).
"""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests
from openai import OpenAI


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"no")


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"

closed = socket.socket()
closed.bind(("127.0.0.1", 0))
dead_port = closed.getsockname()[1]
closed.close()  # nothing listens there now: connection refused

client = OpenAI()
LINKS = {"home": f"{base}/ok", "missing": f"{base}/gone", "dead": f"http://127.0.0.1:{dead_port}/"}

results = {}
for name, url in LINKS.items():
    try:
        response = requests.get(url, timeout=5)
        response.raise_for_status()
        results[name] = f"ok ({response.text})"
    except requests.HTTPError as e:
        results[name] = f"http error {e.response.status_code}"
    except requests.ConnectionError:
        results[name] = "connection refused"
    except requests.Timeout:
        results[name] = "timed out"

for name, result in results.items():
    print(f"{name}: {result}")
    if not result.startswith("ok"):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Suggest a fix for a link that gave: {result}"}],
            max_tokens=8,
        )
        print("   fix:", r.choices[0].message.content)
server.shutdown()
