/**
 * Python run before the untrusted program, in the same interpreter: an audit hook (PEP 578,
 * cannot be removed once added) that ends the process with exit code 86 on any attempt to open
 * a file other than a read of the standard library, to use a socket, to start or replace a
 * process, to load native code (ctypes) or to change the file system. Exiting rather than
 * raising means a hostile `try/except` cannot swallow the refusal. The hook is one layer: the
 * process also runs with no network namespace, hard rlimits and an empty working directory.
 */
export const sandboxPrelude = String.raw`
import sys, os, sysconfig
_allowed = tuple(p for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]} if p)
_exit = os._exit
_realpath = os.path.realpath
_write = os.write
_blocked = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg", "ctypes.", "os.remove", "os.unlink", "os.rename", "os.rmdir", "os.mkdir", "os.chdir", "os.chmod", "os.chown", "os.symlink", "os.link", "os.truncate", "os.putenv", "os.unsetenv", "shutil.", "pty.", "sys.addaudithook", "mmap.", "winreg.", "urllib.", "webbrowser.")
_write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
def _deny(event):
    try:
        _write(2, ("sandbox: blocked " + event + "\n").encode())
    finally:
        _exit(86)
def _hook(event, args):
    if event == "open":
        path, mode, flags = args[0], args[1], args[2]
        writes = (mode is not None and any(c in str(mode) for c in "wax+")) or (isinstance(flags, int) and flags & _write_flags)
        if not isinstance(path, str) or writes or not _realpath(path).startswith(_allowed):
            _deny("open")
        return
    if event in ("os.listdir", "os.scandir"):
        if not isinstance(args[0], str) or not _realpath(args[0]).startswith(_allowed):
            _deny(event)
        return
    if event == "import":
        if args[0] in ("ctypes", "_ctypes", "socket", "_socket", "subprocess", "_posixsubprocess", "multiprocessing", "_multiprocessing", "pty", "mmap", "_winapi", "cffi"):
            _deny("import " + args[0])
        return
    if event.startswith(_blocked):
        _deny(event)
sys.addaudithook(_hook)
del sys, os, sysconfig
`;
