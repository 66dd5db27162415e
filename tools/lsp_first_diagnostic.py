#!/usr/bin/env python3
"""Times csharp-ls from opening a file to the first VIT diagnostic it publishes for that file.

Usage: lsp_first_diagnostic.py PROJECT_FOLDER FILE [--code-actions]

Starts `csharp-ls` in PROJECT_FOLDER (analyzers on), opens FILE, and prints the seconds until a
textDocument/publishDiagnostics for FILE carries a code starting with VIT, then the diagnostics it saw.
With --code-actions it then asks for the code actions at the first VIT diagnostic and prints their titles.
Plain standard library; the server is stopped at the end.
"""
import json, os, subprocess, sys, threading, time, queue, pathlib

def main():
    folder = pathlib.Path(sys.argv[1]).resolve()
    path = pathlib.Path(sys.argv[2]).resolve()
    want_actions = "--code-actions" in sys.argv
    server = subprocess.Popen([os.path.expanduser("~/.dotnet/tools/csharp-ls")], cwd=folder,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    inbox = queue.Queue()

    def reader():
        stream = server.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    inbox.put(None); return
                line = line.decode().strip()
                if not line: break
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            inbox.put(json.loads(body))
    threading.Thread(target=reader, daemon=True).start()

    def send(message):
        data = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        server.stdin.flush()

    settings = {"csharp": {"analyzersEnabled": True}}
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": folder.as_uri(), "workspaceFolders": [{"uri": folder.as_uri(), "name": "w"}],
        "initializationOptions": settings,
        "capabilities": {"workspace": {"configuration": True},
                         "textDocument": {"publishDiagnostics": {}, "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", ""]}}}}}}})
    start = time.monotonic()
    uri = path.as_uri()
    opened_at = None
    first = None
    next_id = 2
    deadline = start + 180
    while time.monotonic() < deadline:
        try:
            message = inbox.get(timeout=1)
        except queue.Empty:
            continue
        if message is None: break
        if message.get("id") == 1 and "result" in message:
            send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
            send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": settings}})
            send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "csharp", "version": 1, "text": path.read_text()}}})
            opened_at = time.monotonic()
        elif message.get("method") == "workspace/configuration":
            send({"jsonrpc": "2.0", "id": message["id"], "result": [settings.get(i.get("section", ""), settings) if i.get("section") != "csharp" else settings["csharp"] for i in message["params"]["items"]]})
        elif "id" in message and "method" in message:
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            diagnostics = message["params"]["diagnostics"]
            codes = sorted(str(d.get("code")) for d in diagnostics)
            now = time.monotonic()
            print(f"{now - opened_at:6.1f} s after open: {len(diagnostics)} diagnostics {codes}", flush=True)
            vit = [d for d in diagnostics if str(d.get("code", "")).startswith("VIT")]
            if vit and first is None:
                first = now - opened_at
                print(f"FIRST VIT DIAGNOSTIC {first:.1f} s after opening (server start to open: {opened_at - start:.1f} s)", flush=True)
                if not want_actions: break
                send({"jsonrpc": "2.0", "id": 99, "method": "textDocument/codeAction", "params": {
                    "textDocument": {"uri": uri}, "range": vit[0]["range"], "context": {"diagnostics": vit}}})
        elif message.get("id") == 99:
            titles = [a.get("title") for a in (message.get("result") or [])]
            print("code actions at the first VIT diagnostic:", titles, flush=True)
            break
    if first is None: print("NO VIT DIAGNOSTIC within the time limit")
    server.kill()

main()
