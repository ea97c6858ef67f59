"""The render pipeline: scenes in, videos, captions, sections and beat clips out.

Importing this package is cheap and never imports Manim; each module imports it only when
something is rendered. See the README's "Layout" section for what each module does.
"""
