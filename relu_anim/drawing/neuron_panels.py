"""The Neuron scene's picture, laid out from the frame: the diagram and the panel beside it.

In landscape the diagram sits left and the panel right; in portrait the diagram sits above the
panel. Each is built at its natural size, the frame is cut in proportion to those sizes, and
:meth:`~relu_anim.drawing.layout.Panel.put` scales them down only if they must shrink.

The panel first shows the sum ``z = Σ wᵢxᵢ + b`` as a table, the output row ``y = ReLU(z)``
and a small graph of ReLU(z); later it shows the neuron along x₁ alone. Live cells, readouts and
dots are separate mobjects from the static parts, so that a scene can keep them last in its list
and Manim draws the rest once (it redraws everything from the first mobject with an updater).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Axes,
    DecimalNumber,
    Dot,
    Line,
    MathTex,
    Mobject,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
)

from relu_anim.drawing.axes import axes_in, axis_labels, plot_axes, tick_range
from relu_anim.drawing.curves import NetCurve, kink_markers, net_curve
from relu_anim.drawing.layout import Layout, Panel
from relu_anim.drawing.neuron import NeuronDiagram, SteadyNumber
from relu_anim.numeric import ReLUNet, neuron, one_input_net, pre_activation
from relu_anim.theme import Theme

FONT = 34
HEADING_FONT = 38
DECIMALS = 2
GAP = 0.5  # between the diagram and the panel
RELU = ReLUNet([1.0], [1.0], [0.0])


class ReluPlot(VGroup):
    """Axes and the ReLU curve on them (then its axis labels); ``axes``, ``curve`` by name."""

    def __init__(self, axes: Axes, curve: NetCurve) -> None:
        super().__init__(axes, curve)
        self.axes, self.curve = axes, curve


class TrackedNeuron:
    """One neuron whose input ``index`` follows ``tracker``; every number from the numeric core.

    The moving input steps along a grid of ``step`` (the tracker's value rounded to it), so
    that the numbers on screen add up at every frame: with ``w₁ = 0.8`` and a step of 0.05,
    ``w₁x₁`` has two decimals, and a paused frame shows ``0.80 × 0.55 = 0.44``, never
    ``0.80 × 0.53 = 0.43`` (0.424 after rounding the input shown).

    Examples
    --------
    >>> from manim import ValueTracker
    >>> cell = TrackedNeuron((0.8, -0.5, 1.2), -0.4, (1.0, 0.8, 0.5), ValueTracker(1.0))
    >>> round(cell.z(), 12), round(cell.term(1), 12)
    (0.6, -0.4)
    >>> _ = cell.tracker.set_value(0.5346)
    >>> cell.moving(), cell.term(0)
    (0.55, 0.44)
    """

    def __init__(
        self,
        weights: Sequence[float],
        bias: float,
        inputs: Sequence[float],
        tracker: ValueTracker,
        index: int = 0,
        step: float = 0.05,
    ) -> None:
        self.weights = tuple(float(w) for w in weights)
        self.bias = float(bias)
        self.fixed = tuple(float(x) for x in inputs)
        self.tracker, self.index, self.step = tracker, index, float(step)

    def inputs(self, moving: float | None = None) -> list[float]:
        """The inputs: input ``index`` at ``moving`` (default: the tracker), the others fixed."""
        value = self.moving() if moving is None else moving
        return [value if i == self.index else x for i, x in enumerate(self.fixed)]

    def moving(self) -> float:
        """The current value of the moving input: the tracker's, on the grid of ``step``."""
        return _on_grid(float(self.tracker.get_value()), self.step)

    def z(self, moving: float | None = None) -> float:
        """The weighted sum ``w·x + b``."""
        return _shown(float(pre_activation(self.inputs(moving), self.weights, self.bias)))

    def output(self, moving: float | None = None) -> float:
        """The output ``ReLU(w·x + b)``."""
        return _shown(float(neuron(self.inputs(moving), self.weights, self.bias)))

    def term(self, i: int, moving: float | None = None) -> float:
        """The product ``wᵢ·xᵢ``: the sum with only input ``i`` and no bias."""
        alone = [x if j == i else 0.0 for j, x in enumerate(self.inputs(moving))]
        return _shown(float(pre_activation(alone, self.weights, 0.0)))

    def along_moving_input(self) -> ReLUNet:
        """The output as a function of the moving input alone, the others fixed."""
        return one_input_net(self.inputs(), self.weights, self.bias, self.index)


def _on_grid(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step``, without float dust (0.55, not
    0.5500000000000002)."""
    return round(round(value / step) * step, 12) + 0.0


def _shown(value: float) -> float:
    """A sum of numbers on the grid, without float dust: -1e-17 would show as -0.00."""
    return round(float(value), 12) + 0.0


def shrink(layout: Layout, figure: Mobject, side: Mobject) -> tuple[float, bool]:
    """How much :func:`lay_out` shrinks ``figure`` and ``side`` (1: not at all), and whether
    it stacks them (``figure`` above) rather than set them side by side.

    Examples
    --------
    ::

        factor, stacked = shrink(self.layout, figure.group, sums.group)
    """
    safe = layout.safe
    across = min(1.0, (safe.width - GAP) / (figure.width + side.width))
    across = min(across, safe.height / max(figure.height, side.height))
    upright = min(1.0, (safe.height - GAP) / (figure.height + side.height))
    upright = min(upright, safe.width / max(figure.width, side.width))
    return max(across, upright), upright > across


def lay_out(layout: Layout, figure: Mobject, side: Mobject) -> tuple[Panel, Panel]:
    """Put ``figure`` and ``side`` in panels cut in proportion to their natural sizes.

    Side by side or ``figure`` above, whichever shrinks them less (both by the same factor):
    side by side in 16:9 and 4:3, stacked in 9:16. Returns the two panels (the side one is
    reused later).
    """
    safe = layout.safe
    if shrink(layout, figure, side)[1]:
        left, right = safe.rows(figure.height, side.height, gap=GAP)
    else:
        left, right = safe.columns(figure.width, side.width, gap=GAP)
    left.put(figure)
    right.put(side)
    return left, right


def neuron_picture(
    layout: Layout,
    cell: TrackedNeuron,
    theme: Theme,
    moving_values: Sequence[float],
    z_range: tuple[float, float],
) -> tuple[NeuronFigure, SumPanel, Panel]:
    """The diagram and the sum panel, laid out: drawn compact (shorter edges and output arrow,
    a narrower ReLU graph) when that shrinks them less. 4:3 set the two side by side at 11 px
    (the diagram 6.3 wide, the panel 5.6); compact, its type keeps its size.

    Returns the figure, the panel and the panel's part of the frame.

    Examples
    --------
    ::

        figure, sums, side = neuron_picture(self.layout, cell, self.theme, PATH, (-1.0, 1.0))
    """
    best: tuple[float, NeuronFigure, SumPanel] | None = None
    for compact in (False, True):
        figure = NeuronFigure(cell, theme, moving_values, compact=compact)
        sums = SumPanel(cell, theme, moving_values, z_range, compact=compact)
        factor = shrink(layout, figure.group, sums.group)[0]
        if best is None or factor > best[0] + 1e-6:
            best = (factor, figure, sums)
    assert best is not None
    _, figure, sums = best
    return figure, sums, lay_out(layout, figure.group, sums.group)[1]


def number(value: float, color: str | None = None, font_size: float = FONT) -> DecimalNumber:
    """A fixed number with the scene's two decimals (the theme's text colour by default)."""
    shown = DecimalNumber(value, num_decimal_places=DECIMALS, font_size=font_size)
    return shown.set_color(color) if color else shown


def live(
    source: Callable[[], float], color: str | None = None, font_size: float = FONT
) -> SteadyNumber:
    """A live number, right edge fixed so that decimal points stay lined up."""
    shown = SteadyNumber(source, DECIMALS, font_size=font_size, edge_to_fix=RIGHT)
    return shown.set_color(color) if color else shown


def _widest(values: Sequence[float], font_size: float = FONT) -> DecimalNumber:
    """The widest of ``values`` as shown: the room a live number needs over its whole path."""
    return max((number(v, font_size=font_size) for v in values), key=lambda n: n.width)


def _stand_in(cell: DecimalNumber, values: Sequence[float]) -> DecimalNumber:
    """An unshown number as wide as the widest of ``values``, right-aligned with ``cell``."""
    widest = _widest(values, cell.font_size)
    return widest.move_to(cell, aligned_edge=RIGHT)


def _equals() -> MathTex:
    return MathTex("=", font_size=FONT)


def following_dot(
    axes: Axes, x_source: Callable[[], float], y_source: Callable[[], float], color: str
) -> Dot:
    """A dot at ``(x_source(), y_source())`` on ``axes``, moved there on every frame."""
    dot = Dot(radius=0.09, color=color)
    dot.add_updater(lambda mob: mob.move_to(axes.c2p(x_source(), y_source())))
    return dot.update()


class NeuronFigure:
    """The neuron diagram with its input values (x₁ live) and its live output at the arrow.

    ``group`` holds everything (and room for the widest x₁) for :meth:`Panel.put`; add the
    parts to the scene, the live numbers kept apart.
    """

    def __init__(
        self,
        cell: TrackedNeuron,
        theme: Theme,
        moving_values: Sequence[float],
        compact: bool = False,
    ) -> None:
        # Compact: shorter edges and output arrow, for frames too narrow for the usual ones.
        reach, output_length, body = (1.9, 0.7, 0.6) if compact else (3.0, 1.2, 0.7)
        self.diagram = NeuronDiagram(
            cell.weights,
            cell.bias,
            theme,
            font_size=FONT,
            reach=reach,
            output_length=output_length,
            body_radius=body,
        )
        nodes = self.diagram.nodes
        self.fixed_inputs = VGroup(
            *(
                number(value).next_to(node, LEFT, buff=0.25)
                for i, (value, node) in enumerate(zip(cell.fixed, nodes, strict=True))
                if i != cell.index
            )
        )
        self.x_readout = self.diagram.input_readout(cell.index, cell.moving)
        self.y_readout = self.diagram.output_readout(cell.output)
        room = _stand_in(self.x_readout, moving_values)
        self.group = VGroup(self.diagram, self.fixed_inputs, self.x_readout, self.y_readout, room)


class SumPanel:
    """``z = w₁x₁ + w₂x₂ + w₃x₃ + b`` as a table of products, ``y = ReLU(z)`` and a ReLU graph.

    Static: ``heading``, ``rows`` (the products and the bias), ``rule``, ``total_label``
    (``z =``), ``output_label``, ``plot`` and the cut-off mark ``cut_off`` (box and note).
    Live, kept apart: ``x_cell``, ``term_cell``, ``z_cell``, ``y_cell`` and ``z_dot``.
    ``moving_values`` are the values the moving input takes, so every column is wide enough
    for every number it will show.
    """

    def __init__(
        self,
        cell: TrackedNeuron,
        theme: Theme,
        moving_values: Sequence[float],
        z_range: tuple[float, float],
        compact: bool = False,
    ) -> None:
        self.theme = theme
        i = cell.index
        self.x_cell = live(cell.moving)
        self.term_cell = live(lambda: cell.term(i))
        self.z_cell = live(cell.z, theme.highlight)
        self.y_cell = live(cell.output, theme.unit)
        self.live = VGroup(self.x_cell, self.term_cell, self.z_cell, self.y_cell)
        # Laid out with stand-ins as wide as the widest value each live cell will show.
        paths = [
            list(moving_values),
            [cell.term(i, v) for v in moving_values],
            [cell.z(v) for v in moving_values],
            [cell.output(v) for v in moving_values],
        ]
        stand_ins = [_widest(path) for path in paths]
        x_room, term_room, z_room, y_room = stand_ins

        grid = self._table(cell, x_room, term_room)
        products_tex = " + ".join(f"w_{j + 1}x_{j + 1}" for j in range(len(cell.weights)))
        self.heading = MathTex(f"z = {products_tex} + b", font_size=HEADING_FONT)
        self.heading.next_to(grid, UP, buff=0.4).align_to(grid, LEFT)
        self.rows = VGroup(*(part for part in grid if part not in (x_room, term_room)))

        products, equals_column = VGroup(*grid[6::7]), grid[5]
        self.rule = Line(ORIGIN, (products.width + 0.2) * RIGHT, color=theme.muted, stroke_width=2)
        self.rule.next_to(products, DOWN, buff=0.14).align_to(products, RIGHT)
        z_room.next_to(self.rule, DOWN, buff=0.14).align_to(products, RIGHT)
        self.total_label = VGroup(MathTex("z", font_size=FONT), _equals())
        self.total_label[1].match_x(equals_column).match_y(z_room)
        self.total_label[0].match_y(z_room).align_to(grid[4], RIGHT)

        # One TeX line, so that the label and its "=" share a baseline; the "=" in its column.
        # What ReLU is (max(0, z)) the graph's label says, which keeps this row short.
        self.output_label = MathTex(r"y = \mathrm{ReLU}(z)", "=", font_size=FONT)
        y_room.next_to(z_room, DOWN, buff=0.4).align_to(z_room, RIGHT)
        self.output_label.shift(
            [equals_column.get_x(), y_room.get_y(), 0] - self.output_label[1].get_center()
        )
        for live_cell, room in zip(self.live, stand_ins, strict=True):
            live_cell.move_to(room, aligned_edge=RIGHT)

        self.plot = self._relu_plot(z_range, 2.4 if compact else 3.2)
        box = SurroundingRectangle(
            VGroup(self.output_label, y_room), color=theme.negative, buff=0.12
        )
        note = MathTex(r"z < 0", r"\Rightarrow y = 0", font_size=FONT, color=theme.negative)
        note[1].next_to(note[0], DOWN, buff=0.15, aligned_edge=LEFT)
        self.cut_off = VGroup(box, note)
        # Under the box, from the table's left edge: centred under the box, it stuck out right.
        row = VGroup(self.plot, note).arrange(RIGHT, buff=0.5)
        row.next_to(box, DOWN, buff=0.4).align_to(self.heading, LEFT)
        self.z_dot = following_dot(self.plot.axes, cell.z, cell.output, theme.highlight)
        self.group = VGroup(
            *self.static(), self.plot, self.cut_off, *stand_ins, self.live, self.z_dot
        )

    def _table(
        self, cell: TrackedNeuron, x_room: DecimalNumber, term_room: DecimalNumber
    ) -> VGroup:
        """Rows ``wᵢxᵢ = wᵢ × xᵢ = product`` and ``b = bias``, every "=" in one column.

        The moving input's x and product are ``x_room`` and ``term_room`` (stand-ins).
        """
        theme = self.theme
        grid: list[VMobject] = []
        for j, weight in enumerate(cell.weights):
            moving = j == cell.index
            grid += [
                MathTex(f"w_{j + 1}x_{j + 1}", font_size=FONT),
                _equals(),
                number(weight, theme.weight_color(weight)),
                MathTex(r"\times", font_size=FONT),
                x_room if moving else number(cell.fixed[j]),
                _equals(),
                term_room if moving else number(cell.term(j)),
            ]
        # "b =" (and, under the rule, "z =") in the products' "=" column: a sum done by hand.
        grid += [*(VMobject() for _ in range(4)), MathTex("b", font_size=FONT), _equals()]
        grid += [number(cell.bias, theme.weight_color(cell.bias))]
        return VGroup(*grid).arrange_in_grid(
            rows=len(cell.weights) + 1, cols=7, buff=(0.18, 0.22), col_alignments="rcrcrcr"
        )

    def _relu_plot(self, z_range: tuple[float, float], width: float) -> ReluPlot:
        """Small axes ``width`` long with ReLU(z) drawn as the exact polyline of the one-unit
        net, labelled with what ReLU is."""
        theme = self.theme
        axes = plot_axes(
            (*z_range, 0.5), (0, z_range[1], 0.5), theme, width, 1.5, with_numbers=False
        )
        curve = net_curve(axes, RELU, z_range, theme.unit, 4)
        plot = ReluPlot(axes, curve)
        plot.add(*axis_labels(axes, theme, "z", r"\mathrm{ReLU}(z) = \max(0,\, z)"))
        return plot

    def static(self) -> VGroup:
        """The table and the output row (without their live cells)."""
        return VGroup(self.heading, self.rows, self.rule, self.total_label, self.output_label)


class OneInputView:
    """The neuron along its moving input: formula, offset b', kink h and the exact ramp.

    Everything is from ``cell.along_moving_input()`` (the one-unit net ``ReLU(w₁x₁ + b')``)
    at the moment the view is built; ``dot`` (live) follows the moving input along the curve.
    """

    def __init__(
        self, panel: Panel, cell: TrackedNeuron, x_range: tuple[float, float], theme: Theme
    ) -> None:
        self.net = net = cell.along_moving_input()
        w, offset = float(net.w[0]), float(net.b[0])
        (h,) = net.kinks()
        k = cell.index + 1
        others = " + ".join(f"w_{j + 1}x_{j + 1}" for j in range(len(cell.weights)) if j != k - 1)
        self.formula = MathTex(
            rf"y &= \mathrm{{ReLU}}({w:.2f}\,x_{k} {offset:+.2f})\\"
            rf"&= {w:.2f}\cdot\mathrm{{ReLU}}(x_{k} - h)",
            font_size=HEADING_FONT,
        )
        self.offset = MathTex(rf"b' = b + {others} = {offset:.2f}", font_size=FONT)
        self.kink_at = MathTex(rf"h = -b'/w_{k} = {h:.2f}", font_size=FONT, color=theme.highlight)
        text = VGroup(self.formula, self.offset, self.kink_at).arrange(
            DOWN, buff=0.3, aligned_edge=LEFT
        )
        panel.put(text, UL)
        below = Panel(panel.left, panel.right, panel.bottom, text.get_bottom()[1] - 0.5)
        top = max(float(net(x_range[1])), float(net(x_range[0])))
        # Room under the tick numbers for the "h" at the kink, right of the axis for "x₁".
        self.axes = axes_in(
            below.inset(0, 0.25, 0.45, 0), tick_range(*x_range, 6), tick_range(0.0, top, 3), theme
        )
        self.labels = axis_labels(self.axes, theme, f"x_{k}", "y")
        self.curve = net_curve(self.axes, net, x_range, theme.unit)
        self.kink = kink_markers(self.axes, net, x_range, theme)
        h_label = MathTex("h", font_size=FONT, color=theme.highlight)
        h_label.next_to(self.axes.x_axis.numbers, DOWN, buff=0.12).set_x(self.kink[0][0].get_x())
        self.kink.add(h_label)
        self.dot = following_dot(self.axes, cell.moving, cell.output, theme.highlight)
        self.group = VGroup(
            self.formula, self.offset, self.kink_at, self.axes, self.labels, self.curve, self.kink
        )
