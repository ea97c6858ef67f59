"""relu-anim: Manim explainer videos of why a network of ReLUs can draw any curve.

Importing the package is cheap and never imports Manim: the numeric core lives in
:mod:`relu_anim.numeric`, the Manim builders in :mod:`relu_anim.drawing`.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
