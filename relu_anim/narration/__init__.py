"""Narration: spoken text for every beat, the voices that speak it, and its timing.

No Manim import here: the storyboard base asks this package how long a beat's speech lasts,
and the render side mixes the audio it returns into the videos and clips.
"""
