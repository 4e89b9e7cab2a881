"""Build the replay files the playback origin serves: ReplayWeb.page's ui.js and sw.js.

The npm package `replaywebpage` is fetched by npm at the pinned version and checked against the
pinned integrity (sha512, as a lockfile would), then its two built files and its licence are
copied into var/replay/ (settings.PLAYBACK_ASSETS_DIR). Only the built files are used, so none of
the package's own dependencies is installed. `make replay` runs this; it does nothing when the
files of this version are already there.
"""

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = json.loads((ROOT / "playback" / "replay-package.json").read_text())
TARGET = ROOT / "var" / "replay"
FILES = ("ui.js", "sw.js", "LICENSE")


def main() -> int:
    name, version, integrity = PACKAGE["name"], PACKAGE["version"], PACKAGE["integrity"]
    stamp = TARGET / f".{name}-{version}"
    if stamp.exists() and all((TARGET / f).is_file() for f in FILES):
        return 0
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", folder, "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(folder).glob("*.tgz")
        data = tarball.read_bytes()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != integrity:
            sys.exit(f"{tarball.name}: integrity {digest} is not the pinned {integrity}")
        TARGET.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for file in FILES:
                member = archive.getmember(f"package/{file}")
                (TARGET / file).write_bytes(archive.extractfile(member).read())
    for old in TARGET.glob(f".{name}-*"):
        old.unlink()
    stamp.touch()
    print(f"replay files: {name} {version} in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
