"""Which filesystem a path is on, read from /proc/self/mounts: the watcher polls where the kernel's events
see only this machine's changes (network, cluster, shared-folder and FUSE filesystems)."""

from __future__ import annotations

# Filesystems where inotify sees only the changes made through this machine: network, cluster and
# shared-folder filesystems; every FUSE filesystem (fuse, fuseblk, fuse.sshfs, ...) is added by prefix.
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "smb2",
        "ncpfs",
        "9p",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "ocfs2",
        "gfs2",
        "orangefs",
        "pvfs2",
        "davfs",
        "virtiofs",
        "vboxsf",
        "vmhgfs",
        "prl_fs",
        "drvfs",
    }
)


def is_network_fs(fstype: str) -> bool:
    return fstype in NETWORK_FS or fstype.startswith("fuse")


def unescape_mount_point(field_text: str) -> str:
    """A mount point as /proc/self/mounts writes it: space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field_text = field_text.replace(code, char)
    return field_text


def read_mounts() -> list[tuple[str, str]] | None:
    """(mount point, filesystem type) of every mount, in mount order; None without /proc."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="surrogateescape") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    mounts = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((unescape_mount_point(parts[1]), parts[2]))
    return mounts


def filesystem_of(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the filesystem `path` (absolute, links resolved) is on: the longest mount point that is a
    prefix of it, the last one mounted when several are stacked on the same point."""
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        prefix = point.rstrip("/")
        inside = path in (point, prefix) or path.startswith(prefix + "/")
        if inside and (best is None or len(prefix) >= best[0]):
            best = (len(prefix), fstype)
    return best[1] if best is not None else None
