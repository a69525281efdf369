#!/usr/bin/env python3
# A hostile HTTP proxy for tests/e2e/lrs-push-proxy.sh: it logs the first line and the
# headers of every request it receives (a CONNECT too) and answers each with 200 and an
# empty JSON array, the answer that once made a batch count as delivered. Listens on
# 127.0.0.1 on a port the system picks, written to PORTFILE once it accepts connections.
#   proxy.py PORTFILE LOGFILE
import os
import socket
import sys

port_file, log_file = sys.argv[1], sys.argv[2]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(5)
with open(port_file + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(port_file + ".tmp", port_file)
while True:
    c, _ = s.accept()
    data = b""
    c.settimeout(3)
    try:
        while b"\r\n\r\n" not in data:
            d = c.recv(65536)
            if not d:
                break
            data += d
    except OSError:
        pass
    with open(log_file, "ab") as log:
        log.write(data.split(b"\r\n\r\n")[0] + b"\n----\n")
    try:
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 2\r\nConnection: close\r\n\r\n[]")
    except OSError:
        pass
    c.close()
