"""The built-in scenes: one storyboard per file (installed as the package ``relu_anim_scenes``).

The CLI finds scenes by reading these files, not by importing this package.
"""
