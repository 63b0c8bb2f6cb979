"""Never damage, never hang: real FIFOs, devices, symlinks, /dev/full,
signals and dead workers, each in a real process where it matters."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from briefing.cli import ExitCode

SEED = SEEDS / "004_b46c7f9bed759f3b.txt"


def briefing(
    *args: str, input: bytes | None = None, stdin=None, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    kwargs = (
        {"input": input}
        if input is not None
        else {"stdin": stdin if stdin is not None else subprocess.DEVNULL}
    )
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
        **kwargs,
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert lines and lines[-1].startswith("briefing: error: "), err
    return lines[-1]


# --------------------------------------------------------------------------
# Output.


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    proc = briefing("summarize", str(SEED), "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert (
        target.read_text(encoding="utf-8") != "old" and target.read_text(encoding="utf-8").strip()
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_output_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    assert briefing("summarize", str(SEED), "-o", str(link)).returncode == 0
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").strip()


def test_output_into_a_fifo_writes_into_it_and_keeps_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    proc = briefing("summarize", str(SEED), "-o", str(fifo))
    out, _ = reader.communicate(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert out == briefing("summarize", str(SEED)).stdout
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_output_into_a_device_node_never_replaces_it(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, OSError):
        pytest.skip("device nodes cannot be made here")
    proc = briefing("build", "-o", str(node))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout")
def test_output_to_dev_stdout_on_a_pipe_and_on_a_file_opened_to_append(tmp_path):
    piped = subprocess.run(
        [sys.executable, "-m", "briefing", "summarize", str(SEED), "-o", "/dev/stdout"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == briefing("summarize", str(SEED)).stdout
    log = tmp_path / "app.log"
    log.write_text("an earlier line\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as handle:
        proc = subprocess.run(
            [sys.executable, "-m", "briefing", "summarize", str(SEED), "-o", "/dev/stdout"],
            stdout=handle,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    assert proc.returncode == 0, proc.stderr
    expected = briefing("summarize", str(SEED)).stdout.decode()
    assert log.read_text(encoding="utf-8") == "an earlier line\n" + expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.log"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("how", ["-o", "stdout"])
def test_disk_full_is_one_line_and_exit_1(tmp_path, how):
    before = os.stat("/dev/full")
    assert stat.S_ISCHR(before.st_mode), "/dev/full is not the device on this machine"
    if how == "-o":
        proc = briefing("build", "-o", "/dev/full")
    else:
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "briefing", "build"],
                stdout=full,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                timeout=60,
            )
    assert proc.returncode == ExitCode.FAILURE
    assert "no space left on device" in one_error_line(proc)
    assert proc.stderr.count(b"\n") == 1
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"x\xff.md")
    proc = briefing("summarize", str(SEED), "-o", name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert os.listdir(tmp_path) == [name]
    missing = os.fsdecode(b"no-such-\xff/x.md")
    proc = briefing("summarize", str(SEED), "-o", missing, cwd=tmp_path)
    assert proc.returncode == ExitCode.FAILURE
    assert "no-such-\\xff" in one_error_line(proc)


def test_closed_standard_output_is_one_line():
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); sys.argv = ['briefing', 'summarize'];"
            "from briefing.cli import main; main()",
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == ExitCode.FAILURE
    one_error_line(proc)


# --------------------------------------------------------------------------
# Input.


def test_a_fifo_named_as_input_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = briefing("summarize", str(fifo), timeout=30)
    assert proc.returncode == ExitCode.USAGE
    assert "a FIFO, not a regular file" in one_error_line(proc)


def test_a_device_named_as_input_is_refused():
    proc = briefing("summarize", "/dev/zero", timeout=30)
    assert proc.returncode == ExitCode.USAGE
    assert "a character device, not a regular file" in one_error_line(proc)


def test_special_files_loops_and_dangling_links_in_folders_are_warnings(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    proc = briefing("summarize", str(folder), timeout=30)
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert f"skipped {folder}/pipe.txt: a FIFO, not a regular file" in err
    assert f"skipped {folder}/gone.txt: a dangling symbolic link" in err
    assert f"skipped {folder}/self.txt: a symbolic link that loops" in err
    assert f"skipped {folder}/sub/up: a symbolic link that loops back to a folder above it" in err
    assert proc.stdout == briefing("summarize", str(SEED)).stdout


def test_max_bytes_applies_to_files_and_to_endless_stdin(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 3)
    proc = briefing("summarize", "--max-bytes", "2k", str(big), str(SEED), "--max-bytes", "100K")
    assert proc.returncode == 0  # the last --max-bytes wins: both fit
    proc = briefing("summarize", "--max-bytes", "5k", str(big), str(SEED))
    assert proc.returncode == 0
    assert f"skipped {big}: larger than 5,000 bytes (the --max-bytes limit)" in proc.stderr.decode()
    with open("/dev/zero", "rb") as endless:
        proc = briefing("summarize", "-", "--max-bytes", "1M", stdin=endless, timeout=60)
    assert proc.returncode == ExitCode.FAILURE
    assert "skipped -: larger than 1,000,000 bytes" in proc.stderr.decode()
    one_error_line(proc)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_input_that_takes_too_long_is_skipped(tmp_path, jobs):
    """A real timer in the process (or pool worker) that reads it."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(45):  # enough for a pool with --jobs 2
        (folder / f"{i:02d}.txt").write_bytes(
            SEED.read_bytes() + f"\n\nCopy number {i}.\n".encode()
        )
    proc = briefing("summarize", str(folder), "--jobs", jobs, "--max-seconds", "0.000001")
    assert proc.returncode == ExitCode.FAILURE
    err = proc.stderr.decode()
    assert (
        f"skipped {folder}/00.txt: took longer than 1e-06 s to read and summarise (the --max-seconds limit)"
        in err
    )
    one_error_line(proc)
    proc = briefing("summarize", str(folder), "--jobs", jobs, "--max-seconds", "600")
    assert proc.returncode == 0 and proc.stderr == b""


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1T", ""])
def test_max_bytes_must_be_a_size(value):
    proc = briefing("summarize", "--max-bytes", value)
    assert proc.returncode == ExitCode.USAGE
    assert "is not a size" in one_error_line(proc)


def test_closed_standard_input_is_a_warning():
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.close(0); import sys; sys.argv = ['briefing', 'summarize', '-'];"
            "from briefing.cli import main; main()",
        ],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == ExitCode.FAILURE
    assert b"skipped -: standard input is closed" in proc.stderr
    one_error_line(proc)


# --------------------------------------------------------------------------
# Processes.


def test_jobs_are_capped_with_a_warning():
    proc = briefing("summarize", str(SEED), "--jobs", "100000")
    assert proc.returncode == 0
    cap = 4 * (os.cpu_count() or 1)
    assert proc.stderr.decode() == (
        f"briefing: warning: --jobs 100000 is more than {cap} "
        f"(4 per core on {os.cpu_count()} cores); using {cap}\n"
    )


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _slow_folder(tmp_path: Path) -> Path:
    """Enough files for a process pool, enough work to be caught mid-run."""
    folder = tmp_path / "many"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(400):
        (folder / f"{i:04d}.txt").write_text(f"Story {i}\n\n" + text * 8, encoding="utf-8")
    return folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_mid_run_stops_the_workers_and_leaves_no_temp_file(tmp_path, signum, code, word):
    folder = _slow_folder(tmp_path)
    out = tmp_path / "out" / "b.md"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", str(folder), "--jobs", "2", "-o", str(out)],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the workers to exist, not waiting for a result
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the run never started its workers"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert err.decode().strip() == f"briefing: error: {word}"
    for pid in workers:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "Z" in (Path(f"/proc/{pid}/stat").read_text().split()[2])
        )
    assert list(out.parent.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_worker_is_one_line_and_exit_1(tmp_path):
    folder = _slow_folder(tmp_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "summarize",
            str(folder),
            "--jobs",
            "2",
            "--format",
            "json",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim = min(_children(proc.pid))
    os.kill(victim, signal.SIGKILL)  # what the OOM killer does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == ExitCode.FAILURE
    assert err.decode().strip() == (
        "briefing: error: a worker process died (killed, or out of memory?); "
        "try again with fewer --jobs or smaller inputs"
    )


# --------------------------------------------------------------------------
# Hostile option values.

HOSTILE = [
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "99999999999999999999999999",
    "",
    "a\nb",
    "\x00",
    "1e308",
    "﻿x",
]
OPTIONS = {
    "build": [
        "--topic",
        "--title",
        "--date",
        "--marking",
        "--algorithm",
        "--sentences",
        "--ratio",
        "--topic-sentences",
        "--key-points",
        "--format",
        "--jobs",
        "--max-bytes",
        "--max-seconds",
    ],
    "summarize": [
        "--algorithm",
        "--sentences",
        "--ratio",
        "--format",
        "--jobs",
        "--max-bytes",
        "--max-seconds",
    ],
    "topics": ["--limit", "--format", "--max-bytes", "--max-seconds"],
    "eval": ["--algorithm", "--sentences", "--format", "--half"],
}


@pytest.mark.parametrize(
    ("command", "option"), [(c, o) for c, opts in OPTIONS.items() for o in opts]
)
def test_hostile_option_values_never_give_a_traceback(command, option, tmp_path):
    from click.testing import CliRunner

    from briefing.cli import cli

    pairs = tmp_path / "p.jsonl"
    pairs.write_text(
        '{"article": "T\\n\\nOne sentence here. Two here.", "summary": "One sentence here."}\n',
        encoding="utf-8",
    )
    for value in HOSTILE:
        args = [command, *([str(pairs)] if command == "eval" else [str(SEED)]), option, value]
        if command == "eval":
            args.append("-q")
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code in (0, 1, 2), (args, result.exit_code)
        assert "Traceback" not in result.stderr, args
        if result.exit_code:
            assert result.stderr.splitlines()[-1].startswith("briefing: error: "), (
                args,
                result.stderr,
            )


def _read_until(fd: int, needle: bytes, seconds: float) -> bytes:
    import select

    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_sigterm_closes_the_tui_cleanly(tmp_path):
    import pty

    master, slave = pty.openpty()
    env = dict(
        os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30", XDG_STATE_HOME=str(tmp_path)
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "tui"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    try:
        assert b"articles" in _read_until(master, b"articles", 60), "the TUI never drew its list"
        proc.send_signal(signal.SIGTERM)
        rest = _read_until(master, b"terminated", 30)
        assert proc.wait(timeout=30) == 143
        assert b"briefing: error: terminated" in rest
        assert b"Traceback" not in rest
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def test_library_warnings_never_reach_the_terminal(tmp_path):
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("T\n\nOne cat. One cat.\n", encoding="utf-8")
    proc = briefing("summarize", "-a", "lsa", str(tiny))
    assert proc.returncode == 0 and proc.stderr == b""
