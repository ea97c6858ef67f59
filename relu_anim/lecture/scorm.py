"""``lecture-scorm.zip``: the lecture page as one SCORM 1.2 package for a learning platform.

Moodle, Canvas and Blackboard import a SCORM 1.2 package as one file: a zip with
``imsmanifest.xml`` at its root naming one SCO (the page) and every file it uses. The page in
the package is the students' page: it carries ``scorm.js``, which reports to the platform's
runtime (``LMSInitialize``, ``cmi.core.lesson_status`` ``incomplete`` then ``completed`` once
every video has been watched, ``LMSFinish``), and it leaves out what is for the lecturer: the
speaker notes (``<scene>.sections.json``, the presenter view, the lecturer's handout) and the
slides. Zipped with the standard library; written under a temporary name, then renamed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from relu_anim.lecture import page
from relu_anim.lecture.handout import STUDENT_FILE
from relu_anim.lecture.model import SceneEntry
from relu_anim.render.atomic import write_with

PACKAGE_FILE = "lecture-scorm.zip"
SCRIPT = "scorm.js"
#: What a student must not get: the notes (they hold the questions for the room).
LECTURER_ONLY = ("sections",)
_LECTURER_BLOCK = re.compile(r'<details class="use">.*?</details>\n?', re.DOTALL)
#: Already compressed: stored, not deflated again.
STORED = {".mp4", ".jpg", ".png", ".pdf"}


def package_files(pack_dir: Path, entries: list[SceneEntry]) -> list[str]:
    """The pack's files the students' page uses, relative to the pack, in a stable order."""
    files = [asset for asset in page.ASSETS if asset.endswith((".css", ".js"))]
    if (pack_dir / STUDENT_FILE).exists():
        files.append(STUDENT_FILE)
    for entry in entries:
        if not entry.available:
            continue
        files += [path for role, path in entry.files.items() if role not in LECTURER_ONLY]
        files += [*entry.clips, *entry.frames]
    return list(dict.fromkeys(files))


def student_page(entries: list[SceneEntry], pack_dir: Path) -> str:
    """The page as students get it: only their handout listed, and ``scorm.js`` loaded."""
    extras = {"handout": STUDENT_FILE} if (pack_dir / STUDENT_FILE).exists() else {}
    text = page.render_page(entries, extras)
    # Each scene's "Use it in your lecture" block is for lecturers: it links the files with
    # the notes. Inserted text is escaped, so these tags and </body> are the page's own.
    text = _LECTURER_BLOCK.sub("", text)
    head, tail = text.rsplit("</body>", 1)
    return f'{head}<script src="{SCRIPT}"></script>\n</body>{tail}'


def manifest(title: str, files: Iterable[str], identifier: str = "relu-anim-lecture") -> str:
    """``imsmanifest.xml`` for one SCO launched at ``index.html`` that uses ``files``.

    Examples
    --------
    >>> text = manifest("A & B", ["index.html", "a.mp4"])
    >>> "<schemaversion>1.2</schemaversion>" in text, "<title>A &amp; B</title>" in text
    (True, True)
    """
    listed = "\n".join(f"      <file href={quoteattr(path)}/>" for path in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="lecture">
    <organization identifier="lecture">
      <title>{escape(title)}</title>
      <item identifier="page" identifierref="page-resource" isvisible="true">
        <title>{escape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="page-resource" type="webcontent" adlcp:scormtype="sco" \
href="index.html">
{listed}
    </resource>
  </resources>
</manifest>
"""


def write_scorm(pack_dir: Path, entries: list[SceneEntry], target: Path) -> Path:
    """Write the SCORM 1.2 package of the pack in ``pack_dir`` to ``target``, atomically."""
    files = package_files(pack_dir, entries)
    index = student_page(entries, pack_dir)
    script = page.template(SCRIPT)

    def pack(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "imsmanifest.xml", manifest(page.TITLE, ["index.html", SCRIPT, *files])
            )
            archive.writestr("index.html", index)
            archive.writestr(SCRIPT, script)
            for name in files:
                stored = Path(name).suffix in STORED
                archive.write(
                    pack_dir / name,
                    name,
                    compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                )

    return write_with(target, pack)
