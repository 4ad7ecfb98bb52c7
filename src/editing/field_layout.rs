//! A field's text laid out by the text engine, paragraph by paragraph, and the caret geometry
//! on it: what the text field paints and what its clicks and arrow keys mean.

use std::ops::Range;

use crate::model::Direction;
use crate::text::{
    Affinity, Align, BaseDirection, Line, Paragraph, TextCursor, TextEngine, TextRect, TextStyle,
};

/// One paragraph of a field (the text between line breaks), laid out at the field's width.
pub struct LaidParagraph {
    /// Byte offset of the paragraph in the field's text.
    pub start: usize,
    /// Top of the paragraph in field coordinates.
    pub top: f32,
    /// The shaped, wrapped paragraph (its text excludes the `\n`).
    pub para: Paragraph,
}

/// The laid-out paragraphs of a field's text. Invariant: the paragraphs' texts, joined with
/// `\n`, are exactly the field's text, and they stack top to bottom without gaps.
pub struct FieldLayout {
    paras: Vec<LaidParagraph>,
    width: f32,
}

/// A place between two caret units of a line, left to right, with the logical positions that
/// stand there: the one attached to the unit on its left and the one attached to its right.
struct Edge {
    x: f32,
    from_left: Option<TextCursor>,
    from_right: Option<TextCursor>,
}

fn down(byte: usize) -> TextCursor {
    TextCursor {
        byte,
        affinity: Affinity::Downstream,
    }
}

fn up(byte: usize) -> TextCursor {
    TextCursor {
        byte,
        affinity: Affinity::Upstream,
    }
}

/// The base direction of one paragraph of a field, by the product's rule
/// ([`Direction::of_paragraph`], as the reader and the PDF decide it) with the briefing's
/// direction (`default_rtl`) as the default.
pub fn field_paragraph_direction(text: &str, default_rtl: bool) -> BaseDirection {
    let default = if default_rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    BaseDirection::forced(Some(Direction::of_paragraph(text, default).is_rtl()))
}

impl FieldLayout {
    /// Lay out `text` at `width`, each paragraph in its own direction (`default_rtl` for a
    /// paragraph without letters), start-aligned (right-aligned when right-to-left).
    pub fn new(
        engine: &mut TextEngine,
        text: &str,
        style: &TextStyle,
        width: f32,
        default_rtl: bool,
    ) -> FieldLayout {
        let paras = text
            .split('\n')
            .map(|piece| {
                let dir = field_paragraph_direction(piece, default_rtl);
                engine.shape_and_layout(piece, style, dir, width, Align::Start)
            })
            .collect();
        FieldLayout::from_paragraphs(paras, width)
    }

    /// Build from paragraphs shaped elsewhere (a cache), in order; `start` and `top` are set here.
    pub fn from_paragraphs(paragraphs: Vec<Paragraph>, width: f32) -> FieldLayout {
        let mut paras = Vec::with_capacity(paragraphs.len());
        let (mut top, mut start) = (0.0, 0);
        for para in paragraphs {
            let (h, len) = (para.height(), para.text().len());
            paras.push(LaidParagraph { start, top, para });
            top += h;
            start += len + 1;
        }
        FieldLayout { paras, width }
    }

    /// Take the paragraphs back (to cache them).
    pub fn into_paragraphs(self) -> Vec<Paragraph> {
        self.paras.into_iter().map(|p| p.para).collect()
    }

    /// The paragraphs, top to bottom.
    pub fn paragraphs(&self) -> &[LaidParagraph] {
        &self.paras
    }

    /// Total height.
    pub fn height(&self) -> f32 {
        self.paras.last().map_or(0.0, |p| p.top + p.para.height())
    }

    /// The width lines were broken at.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Whether the paragraph holding `byte` is right-to-left.
    pub fn is_rtl_at(&self, byte: usize) -> bool {
        self.para_index(byte)
            .is_some_and(|i| self.paras[i].para.is_rtl())
    }

    fn para_index(&self, byte: usize) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        Some(
            self.paras
                .iter()
                .rposition(|p| p.start <= byte)
                .unwrap_or(0),
        )
    }

    /// Line of `para` holding local byte `b`: at a soft wrap, `Upstream` is the end of the
    /// earlier line and `Downstream` the start of the next.
    fn line_index(para: &Paragraph, b: usize, affinity: Affinity) -> usize {
        let lines = para.lines();
        for (i, l) in lines.iter().enumerate() {
            if b < l.text_range.end {
                return i;
            }
            if b == l.text_range.end && (affinity == Affinity::Upstream || i + 1 == lines.len()) {
                return i;
            }
        }
        lines.len().saturating_sub(1)
    }

    /// The caret places of a line, left to right (local byte offsets).
    fn edges(line: &Line) -> Vec<Edge> {
        let units: Vec<_> = line.clusters.iter().filter(|c| c.x1 > c.x0).collect();
        let mut edges = Vec::with_capacity(units.len() + 1);
        for k in 0..=units.len() {
            let left = k.checked_sub(1).map(|i| units[i]);
            let right = units.get(k).copied();
            let from_left = left.map(|c| {
                if c.rtl {
                    down(c.text_range.start)
                } else {
                    up(c.text_range.end)
                }
            });
            let from_right = right.map(|c| {
                if c.rtl {
                    up(c.text_range.end)
                } else {
                    down(c.text_range.start)
                }
            });
            let x = left.map_or_else(|| right.map_or(0.0, |c| c.x0), |c| c.x1);
            edges.push(Edge {
                x,
                from_left,
                from_right,
            });
        }
        edges
    }

    /// Which edge of `edges` the local cursor `c` stands at.
    fn edge_of(edges: &[Edge], c: TextCursor) -> Option<usize> {
        let exact = |e: &Edge| e.from_left == Some(c) || e.from_right == Some(c);
        let byte = |e: &Edge| {
            e.from_left.is_some_and(|p| p.byte == c.byte)
                || e.from_right.is_some_and(|p| p.byte == c.byte)
        };
        edges
            .iter()
            .position(exact)
            .or_else(|| edges.iter().position(byte))
    }

    /// Where the caret for `c` is drawn: `x0 == x1`, one line box tall.
    pub fn caret_rect(&self, c: TextCursor) -> TextRect {
        let Some(pi) = self.para_index(c.byte) else {
            return TextRect::default();
        };
        let lp = &self.paras[pi];
        let local = TextCursor {
            byte: c.byte.saturating_sub(lp.start).min(lp.para.text().len()),
            affinity: c.affinity,
        };
        let lines = lp.para.lines();
        let Some(line) = lines.get(Self::line_index(&lp.para, local.byte, local.affinity)) else {
            return TextRect::default();
        };
        let edges = Self::edges(line);
        let x = match Self::edge_of(&edges, local) {
            Some(i) => edges[i].x,
            None if edges.len() > 1 => {
                // A position inside a unit (not made by this editor): its nearest edge.
                let units: Vec<_> = line.clusters.iter().filter(|u| u.x1 > u.x0).collect();
                units
                    .iter()
                    .find(|u| u.text_range.contains(&local.byte))
                    .map_or(edges[0].x, |u| if u.rtl { u.x1 } else { u.x0 })
            }
            None => {
                if lp.para.is_rtl() && self.width.is_finite() {
                    self.width
                } else {
                    0.0
                }
            }
        };
        let x = if self.width.is_finite() {
            x.clamp(0.0, self.width.max(0.0))
        } else {
            x.max(0.0)
        };
        TextRect {
            x0: x,
            y0: lp.top + line.top,
            x1: x,
            y1: lp.top + line.top + line.height,
        }
    }

    /// Point (field coordinates) → caret position, on a caret-unit boundary.
    pub fn hit_test(&self, x: f32, y: f32) -> TextCursor {
        let y = if y.is_nan() { 0.0 } else { y };
        let Some(lp) = self
            .paras
            .iter()
            .find(|p| y < p.top + p.para.height())
            .or(self.paras.last())
        else {
            return TextCursor::default();
        };
        let c = lp.para.hit_test(x, y - lp.top);
        TextCursor {
            byte: lp.start + c.byte,
            affinity: c.affinity,
        }
    }

    /// Selection rectangles of `range` (field coordinates), line by line.
    pub fn selection_rects(&self, range: Range<usize>) -> Vec<TextRect> {
        let mut out = Vec::new();
        for lp in &self.paras {
            let end = lp.start + lp.para.text().len();
            if range.end <= lp.start || range.start > end || range.is_empty() {
                continue;
            }
            let local = range.start.saturating_sub(lp.start)..(range.end - lp.start).min(end);
            for mut r in lp.para.selection_rects(local) {
                r.y0 += lp.top;
                r.y1 += lp.top;
                out.push(r);
            }
            // A selected line break shows as a narrow box at the paragraph's end.
            if range.end > end && range.start <= end {
                let caret = self.caret_rect(up(end));
                let w = 4.0;
                let (x0, x1) = if lp.para.is_rtl() {
                    (caret.x0 - w, caret.x0)
                } else {
                    (caret.x0, caret.x0 + w)
                };
                out.push(TextRect {
                    x0,
                    y0: caret.y0,
                    x1,
                    y1: caret.y1,
                });
            }
        }
        out
    }

    /// One caret unit to the right (`right`) or left on screen, going on to the neighbouring
    /// line in reading order at a line's end (see the module docs).
    pub fn move_visual(&self, c: TextCursor, right: bool) -> TextCursor {
        let Some(pi) = self.para_index(c.byte) else {
            return c;
        };
        let lp = &self.paras[pi];
        let local = TextCursor {
            byte: c.byte.saturating_sub(lp.start).min(lp.para.text().len()),
            affinity: c.affinity,
        };
        let lines = lp.para.lines();
        let li = Self::line_index(&lp.para, local.byte, local.affinity);
        let Some(line) = lines.get(li) else {
            return c;
        };
        let edges = Self::edges(line);
        let abs = |t: TextCursor| TextCursor {
            byte: lp.start + t.byte,
            affinity: t.affinity,
        };
        if let Some(k) = Self::edge_of(&edges, local) {
            let next = if right { k + 1 } else { k.wrapping_sub(1) };
            if let Some(e) = edges.get(next) {
                // Attach to the unit just crossed.
                let crossed = if right { e.from_left } else { e.from_right };
                if let Some(t) = crossed {
                    return abs(t);
                }
            }
        }
        // At the line's visual end: on in reading order.
        let forward = right != lp.para.is_rtl();
        if forward {
            if li + 1 < lines.len() {
                return abs(down(lines[li + 1].text_range.start));
            }
            match self.paras.get(pi + 1) {
                Some(next) => down(next.start),
                None => c,
            }
        } else {
            if li > 0 {
                return abs(up(lines[li - 1].text_range.end));
            }
            if pi == 0 {
                return c;
            }
            let prev = &self.paras[pi - 1];
            up(prev.start + prev.para.text().len())
        }
    }

    /// The caret one line up or down, at `x` (or as near as the line allows); `None` at the
    /// first/last line.
    pub fn move_vertical(&self, c: TextCursor, down_: bool, x: f32) -> Option<TextCursor> {
        let r = self.caret_rect(c);
        let y = if down_ { r.y1 + 1.0 } else { r.y0 - 1.0 };
        if y < 0.0 || y >= self.height() {
            return None;
        }
        Some(self.hit_test(x, y))
    }

    /// The logical start (`end == false`) or end of the visual line holding `c`.
    pub fn line_boundary(&self, c: TextCursor, end: bool) -> TextCursor {
        let Some(pi) = self.para_index(c.byte) else {
            return c;
        };
        let lp = &self.paras[pi];
        let local = c.byte.saturating_sub(lp.start).min(lp.para.text().len());
        let lines = lp.para.lines();
        let li = Self::line_index(&lp.para, local, c.affinity);
        let Some(line) = lines.get(li) else {
            return c;
        };
        if end {
            up(lp.start + line.text_range.end)
        } else {
            down(lp.start + line.text_range.start)
        }
    }
}
