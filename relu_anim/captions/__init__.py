"""Captions computed from the numbers they describe (no Manim).

- :mod:`~relu_anim.captions.wording`: the words numbers earn: an error shown to its digits or
  as 0, "drops to" / "rises to" / "stays at", what a sweep's errors did.
- :mod:`~relu_anim.captions.square`: the Square scene's captions for any target, interval and
  unit count.
"""
