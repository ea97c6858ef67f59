"""One TeX cache per output folder, shared by every scene and variant rendered into it.

Manim keeps each typeset formula as ``Tex/<hash>.svg`` in its media folder, the hash taken over
the whole ``.tex`` file (template included), and typesets only what it does not find there. A
render works in its own folder (``<out>/.work/<stem>``) so that two renders at once never write
the same file. Without sharing, each scene and each variant (``shift.light.9x16.h``) typeset
every tick number and formula again: TeX is about a third of a cold render.

So before a render, the formulas already typeset for this output folder are linked into its
private ``Tex/`` (:func:`seed`); after it, the formulas it typeset are published to
``<out>/.work/Tex`` (:func:`publish`), each linked under a temporary name and renamed, so a
reader finds a whole ``.svg`` or none. Manim never rewrites a typeset file, so sharing one inode
is safe. The cache is state (see :mod:`relu_anim.render.state`): a damaged formula in it
(truncated, or not a file) is removed when a render is seeded rather than linked into it, where
Manim would reuse it as is and fail on it in every later render; a file where the cache's folder
belongs is replaced; and a cache that cannot be written costs later renders TeX time, never this
render its result. A Dask worker, whose output folder is temporary, keeps its cache in the
user's cache folder instead (:func:`machine_cache`).
"""

from __future__ import annotations

import os
from pathlib import Path

from relu_anim.render import atomic, state
from relu_anim.render.layout import OutputLayout


def output_cache(output_dir: Path) -> Path:
    """The cache shared by every render into ``output_dir``: ``<out>/.work/Tex``."""
    return OutputLayout(output_dir).tex_cache


def machine_cache() -> Path:
    """This user's cache for renders whose output folder is temporary (Dask workers).

    In ``$XDG_CACHE_HOME`` (default ``~/.cache``), not in ``/tmp``: a name there can be
    taken first by another user, whose files would then be drawn into our videos.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "relu-anim" / "tex"


def _complete(svg: Path) -> bool:
    # A stopped dvisvgm can leave a truncated file; Manim would reuse it as is.
    try:
        return svg.is_file() and svg.read_bytes().rstrip().endswith(b"</svg>")
    except OSError:
        return False


def seed(shared: Path, private: Path) -> int:
    """Link every formula in ``shared`` that ``private`` lacks into ``private``; return how many.

    Examples
    --------
    ::

        seed(out / ".work" / "Tex", out / ".work" / "shift" / "Tex")
    """
    if not shared.is_dir():
        return 0
    if (private.exists() or private.is_symlink()) and not private.is_dir():
        state.remove(private)
    private.mkdir(parents=True, exist_ok=True)
    have = {path.name for path in private.glob("*.svg")}
    added = 0
    for svg in shared.glob("*.svg"):
        if not _complete(svg):
            # Publishing only ever renames whole files in, so this one is damaged, not
            # being written: gone, a render typesets it again and publishes it whole.
            state.remove(svg)
            continue
        if svg.name in have:
            continue
        atomic.link_or_copy(svg, private / svg.name)
        added += 1
    return added


def publish(private: Path, shared: Path) -> int:
    """Add each complete formula of ``private`` that ``shared`` lacks to ``shared``; return how
    many. Each appears in one rename, so a render seeding at the same time never reads half a
    file."""
    if not private.is_dir():
        return 0
    try:
        if (shared.exists() or shared.is_symlink()) and not shared.is_dir():
            state.remove(shared)
        shared.mkdir(parents=True, exist_ok=True)
        have = {path.name for path in shared.glob("*.svg")}
    except OSError:
        return 0
    added = 0
    for svg in private.glob("*.svg"):
        if svg.name in have or not _complete(svg):
            continue
        try:
            atomic.link_or_copy(svg, shared / svg.name)
        except OSError:
            continue
        added += 1
    return added
