#!/usr/bin/env python3
"""Records ss's terminal layout: runs ss (TCPDIAG_FILE replay of basic.dump, -p so the Process column is on in
both 6.1 and 6.10, no extended fields; and without a header, where the 6.1 Process column and the 6.10
Ext column hold the same text) on a pseudo-terminal of a given width. Run after make_fixtures.py."""
import fcntl, os, pty, struct, termios

def run_on_tty(args, width, dump):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TCPDIAG_FILE'] = dump
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', 50, width, 0, 0))
        os.execvp('ss', ['ss'] + args)
    out = b''
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.replace(b'\r\n', b'\n')

here = os.path.dirname(os.path.abspath(__file__))
for width in (40, 80, 86, 120, 200):
    out = run_on_tty(['-tanp'], width, os.path.join(here, 'basic.dump'))
    with open(os.path.join(here, 'tty_basic_tanp_%d.txt' % width), 'wb') as f:
        f.write(out)
for width in (30, 60, 100):
    out = run_on_tty(['-tnoH'], width, os.path.join(here, 'lastlong.dump'))
    with open(os.path.join(here, 'tty_lastlong_tnoH_%d.txt' % width), 'wb') as f:
        f.write(out)
