# flags: run overlap=0
import os
import subprocess
import sys
import tempfile

workdir = tempfile.mkdtemp()
path = os.path.join(workdir, "notes.txt")
subprocess.run(
    [sys.executable, "-c", f"open({path!r}, 'w').write('first\\n')"], check=True
)
print("written")
subprocess.run([sys.executable, "-c", "print('from the child')"], check=True)
out = subprocess.run(
    [sys.executable, "-c", f"print(open({path!r}).read().strip())"],
    check=True,
    capture_output=True,
    text=True,
)
print("read back:", out.stdout.strip())
os.remove(path)
os.rmdir(workdir)

# output

import os
import subprocess
import sys
import tempfile
import runtime_shim as epic


async def main() -> None:
    workdir = tempfile.mkdtemp()
    path = os.path.join(workdir, "notes.txt")
    await epic.to_thread(
        subprocess.run,
        [sys.executable, "-c", f"open({path!r}, 'w').write('first\\n')"],
        check=True,
    )
    print("written")
    await epic.to_thread(
        subprocess.run, [sys.executable, "-c", "print('from the child')"], check=True
    )
    out = await epic.to_thread(
        subprocess.run,
        [sys.executable, "-c", f"print(open({path!r}).read().strip())"],
        check=True,
        capture_output=True,
        text=True,
    )
    print("read back:", out.stdout.strip())
    os.remove(path)
    os.rmdir(workdir)


epic.run(main())
