//! Composition: the briefing as a list of laid-out blocks, paginated line by line, then
//! placed page by page. Two passes: pagination decides where every agenda item lands, and
//! only then are the contents' page numbers and the "page X of Y" footers laid out.

use std::collections::hash_map::{Entry, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::labels::Labels;
use super::{
    Bookmark, Geometry, Laid, LayoutError, Link, LinkTarget, Page, Pages, Paper, PlacedLine, Rgb,
    Role, Rule, MM,
};
use crate::model::{Article, Briefing, BriefingLanguage, Direction, Quote};
use crate::text::{isolate, Align, BaseDirection, Line, TextEngine, TextStyle, Weight};

const INK: Rgb = Rgb(0.1, 0.1, 0.12);
const NAVY: Rgb = Rgb(0.09, 0.17, 0.33);
const GREY: Rgb = Rgb(0.38, 0.4, 0.44);
const RULE: Rgb = Rgb(0.62, 0.67, 0.76);
const MARKING: Rgb = Rgb(0.72, 0.05, 0.05);

/// Dots leading the eye from a contents entry to its page number, sitting on the baseline at
/// `baseline`, between `from` and `to` (page x, any order), on a fixed grid so that the dots
/// of all entries line up in columns.
fn leader_dots(out: &mut Vec<Rule>, from: f32, to: f32, baseline: f32) {
    const STEP: f32 = 4.0;
    const DOT: f32 = 0.9;
    const GAP: f32 = 6.0;
    let (lo, hi) = (from.min(to) + GAP, from.max(to) - GAP);
    let mut x = (lo / STEP).ceil() * STEP;
    while x + DOT <= hi {
        out.push(Rule {
            x,
            y: baseline - DOT,
            width: DOT,
            height: DOT,
            color: GREY,
        });
        x += STEP;
    }
}

/// A laid-out paragraph and where it goes across the text area.
struct Block {
    para: Laid,
    /// Left edge of the paragraph box, from the text area's left edge.
    x: f32,
    space_before: f32,
    role: Role,
    color: Rgb,
    /// An address in the paragraph's text (its bytes) that becomes a link to it.
    uri: Option<(Range<usize>, String)>,
}

impl Block {
    /// Kept with the first line of the next block.
    fn is_heading(&self) -> bool {
        matches!(self.role, Role::Heading | Role::ItemHeading(_))
    }
}

/// One line placed on a page: `offset` maps the paragraph's y to the page's (y down).
struct Placed {
    block: usize,
    line: usize,
    offset: f32,
}

struct Styles {
    title: TextStyle,
    subtitle: TextStyle,
    meta: TextStyle,
    heading: TextStyle,
    body: TextStyle,
    quote: TextStyle,
    small: TextStyle,
    marking: TextStyle,
}

fn style(size: f32, weight: Weight, line_height: f32) -> TextStyle {
    TextStyle {
        size,
        weight,
        italic: false,
        line_height,
    }
}

impl Styles {
    fn new() -> Styles {
        Styles {
            title: style(21.0, Weight::Bold, 1.45),
            subtitle: style(14.0, Weight::Regular, 1.55),
            meta: style(10.5, Weight::Regular, 1.6),
            heading: style(14.5, Weight::Bold, 1.5),
            body: style(11.0, Weight::Regular, 1.7),
            quote: style(12.0, Weight::Regular, 1.75),
            small: style(9.0, Weight::Regular, 1.6),
            marking: style(10.0, Weight::Bold, 1.3),
        }
    }
}

/// Builds the blocks, checking every string for characters no font has.
struct Builder<'a> {
    engine: TextEngine,
    geometry: Geometry,
    page_rtl: bool,
    blocks: Vec<Block>,
    labels: &'a Labels,
}

impl Builder<'_> {
    /// Shape `text` into a box `width` wide whose start edge (in the page's direction) is
    /// `indent` from the text area's start edge. `align` None: the page's start side.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        text: &str,
        style: &TextStyle,
        dir: BaseDirection,
        indent: f32,
        width: f32,
        align: Option<Align>,
        space_before: f32,
        role: Role,
        color: Rgb,
        place: &dyn Fn() -> String,
    ) -> Result<(), LayoutError> {
        let para = self.shape(text, style, dir, width, align, place)?;
        let x = if self.page_rtl {
            self.geometry.text_width() - indent - width
        } else {
            indent
        };
        self.blocks.push(Block {
            para,
            x,
            space_before,
            role,
            color,
            uri: None,
        });
        Ok(())
    }

    fn shape(
        &mut self,
        text: &str,
        style: &TextStyle,
        dir: BaseDirection,
        width: f32,
        align: Option<Align>,
        place: &dyn Fn() -> String,
    ) -> Result<Laid, LayoutError> {
        let para = match align {
            Some(align) => self.engine.shape_and_layout(text, style, dir, width, align),
            None => {
                let mut para = self.engine.shape(text, style, dir);
                let align = if para.is_rtl() == self.page_rtl {
                    Align::Start
                } else {
                    Align::End
                };
                para.layout(width, align);
                para
            }
        };
        check(&para, place)?;
        Ok(Laid::new(para))
    }
}

/// Lay out and paginate the briefing on `paper`: the pages the PDF writes and the preview
/// shows. `progress` gets 0..=0.8 now and then.
pub fn lay_out(
    briefing: &Briefing,
    paper: Paper,
    progress: &mut dyn FnMut(f32),
) -> Result<Pages, LayoutError> {
    let geometry = Geometry::of(paper);
    let labels = Labels::of(briefing.language);
    let page_rtl = briefing.language == BriefingLanguage::Arabic;
    let page_dir = if page_rtl {
        BaseDirection::Rtl
    } else {
        BaseDirection::Ltr
    };
    let st = Styles::new();
    let full = geometry.text_width();
    let mut b = Builder {
        engine: TextEngine::new(),
        geometry,
        page_rtl,
        blocks: Vec::new(),
        labels,
    };

    // The title block.
    let own = briefing.language.direction();
    b.push(
        &briefing.title,
        &st.title,
        base(&briefing.title, own),
        0.0,
        full,
        Some(Align::Center),
        0.0,
        Role::Title,
        NAVY,
        &|| "the title".to_owned(),
    )?;
    if let Some(subtitle) = non_empty(&briefing.subtitle) {
        b.push(
            subtitle,
            &st.subtitle,
            base(subtitle, own),
            0.0,
            full,
            Some(Align::Center),
            2.0,
            Role::Cover,
            GREY,
            &|| "the subtitle".to_owned(),
        )?;
    }
    let mut first_meta = true;
    for (label, value, what) in [
        (labels.date, &briefing.date, "the date"),
        (labels.drafted_by, &briefing.drafted_by, "drafted by"),
        (labels.purpose, &briefing.purpose, "the purpose"),
    ] {
        if let Some(value) = non_empty(value) {
            let mut text = format!("{label}: {}", isolate_as(value, own));
            // An Arabic briefing's date also in the Hijri calendar, as Gulf readers expect.
            if what == "the date" && briefing.language == BriefingLanguage::Arabic {
                if let Some(hijri) = super::labels::hijri_date(value) {
                    let _ = write!(text, "{}{hijri}", labels.comma);
                }
            }
            let space = if first_meta { 14.0 } else { 0.0 };
            first_meta = false;
            b.push(
                &text,
                &st.meta,
                page_dir,
                0.0,
                full,
                None,
                space,
                Role::Cover,
                INK,
                &|| what.to_owned(),
            )?;
        }
    }

    // The contents.
    let number_column = 14.0 * MM;
    if !briefing.agenda.is_empty() {
        b.push(
            labels.contents,
            &st.heading,
            page_dir,
            0.0,
            full,
            None,
            22.0,
            Role::Heading,
            NAVY,
            &|| "the contents heading".to_owned(),
        )?;
        for (n, item) in briefing.agenda.iter().enumerate() {
            let text = format!("{}. {}", labels.number(n + 1), isolate_as(&item.title, own));
            b.push(
                &text,
                &st.body,
                page_dir,
                4.0 * MM,
                full - 4.0 * MM - number_column,
                None,
                2.0,
                Role::ContentsEntry(n),
                INK,
                &|| format!("the title of agenda item {}", n + 1),
            )?;
        }
    }

    // The agenda.
    let quote_indent = 8.0 * MM;
    let quote_width = full - 2.0 * quote_indent;
    let shaped = shape_quotes(briefing, labels, &st, quote_width, progress)?;
    let mut shaped = shaped.into_iter();
    for (n, item) in briefing.agenda.iter().enumerate() {
        let heading = format!("{}. {}", labels.number(n + 1), isolate_as(&item.title, own));
        b.push(
            &heading,
            &st.heading,
            page_dir,
            0.0,
            full,
            None,
            if n == 0 { 26.0 } else { 20.0 },
            Role::ItemHeading(n),
            NAVY,
            &|| format!("the title of agenda item {}", n + 1),
        )?;
        if let Some(notes) = non_empty(&item.notes) {
            // Each paragraph of the notes in its own direction, as the outline's field shows it.
            let mut space = 4.0;
            for (range, dir) in Direction::paragraphs(notes, own) {
                let paragraph = &notes[range];
                if paragraph.trim().is_empty() {
                    space = 4.0;
                    continue;
                }
                b.push(
                    paragraph,
                    &st.body,
                    BaseDirection::forced(Some(dir.is_rtl())),
                    0.0,
                    full,
                    Some(Align::Start),
                    space,
                    Role::Notes,
                    INK,
                    &|| format!("the notes of agenda item {}", n + 1),
                )?;
                space = 2.0;
            }
        }
        for (q, quote) in item.quotes.iter().enumerate() {
            let Some((para, attribution)) = shaped.next() else {
                break;
            };
            let lang = briefing
                .article(quote.article)
                .map(|a| a.language.as_str())
                .filter(|l| !l.eq_ignore_ascii_case(labels.lang));
            let para = para.in_language(lang);
            let x = if page_rtl {
                full - quote_indent - quote_width
            } else {
                quote_indent
            };
            b.blocks.push(Block {
                para,
                x,
                space_before: 10.0,
                role: Role::Quote,
                color: INK,
                uri: None,
            });
            let x = if page_rtl {
                full - quote_indent - quote_width
            } else {
                quote_indent
            };
            // The staffer's note on the quote, under its attribution: in the briefing's
            // language, on the quote's side.
            let note_align = if attribution.is_rtl() == page_rtl {
                Align::Start
            } else {
                Align::End
            };
            b.blocks.push(Block {
                para: attribution,
                x,
                space_before: 1.0,
                role: Role::Attribution,
                color: GREY,
                uri: None,
            });
            if let Some(note) = non_empty(&quote.note) {
                let line = format!("{}: {}", labels.note, isolate_as(note, own));
                b.push(
                    &line,
                    &st.small,
                    page_dir,
                    quote_indent,
                    quote_width,
                    Some(note_align),
                    2.0,
                    Role::QuoteNote,
                    NAVY,
                    &|| format!("the note of quote {} of agenda item {}", q + 1, n + 1),
                )?;
            }
        }
    }
    progress(0.75);

    // The sources: every article cited, in order of first citation.
    let mut cited: Vec<&Article> = Vec::new();
    for quote in briefing.agenda.iter().flat_map(|i| &i.quotes) {
        if let Some(a) = briefing.article(quote.article) {
            if !cited.iter().any(|c| c.id == a.id) {
                cited.push(a);
            }
        }
    }
    if !cited.is_empty() {
        b.push(
            labels.sources,
            &st.heading,
            page_dir,
            0.0,
            full,
            None,
            24.0,
            Role::Heading,
            NAVY,
            &|| "the sources heading".to_owned(),
        )?;
        for (n, article) in cited.iter().enumerate() {
            let mut text = format!(
                "{}. {}",
                labels.number(n + 1),
                isolate_as(&article.title, article.direction)
            );
            let mut details: Vec<String> = Vec::new();
            if !article.source.trim().is_empty() {
                details.push(isolate_as(article.source.trim(), article.direction));
            }
            if let Some(date) = non_empty(&article.date) {
                details.push(isolate_as(date, article.direction));
            }
            if !details.is_empty() {
                let _ = write!(text, "\n{}", details.join(labels.comma));
            }
            let mut uri = None;
            if let Some(url) = non_empty(&article.url) {
                let start = text.len() + 1;
                let _ = write!(text, "\n{}", isolate(url, Some(false)));
                uri = Some((start..text.len(), url.trim().to_owned()));
            }
            b.push(
                &text,
                &st.body,
                page_dir,
                0.0,
                full,
                None,
                6.0,
                Role::Source,
                INK,
                &|| format!("source {} ({})", n + 1, article.title),
            )?;
            if let Some(block) = b.blocks.last_mut() {
                block.uri = uri;
            }
        }
    }

    let placed = paginate(&b.blocks, &geometry);
    let pages = place(b, &placed, &st, briefing, number_column)?;
    progress(0.8);
    Ok(pages)
}

/// Every filed quote and its attribution line, laid out: the bulk of the work, split over two
/// threads (each with its own engine) since every quote is laid out on its own. The main
/// thread takes the first half and reports progress.
fn shape_quotes(
    briefing: &Briefing,
    labels: &Labels,
    st: &Styles,
    width: f32,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<(Laid, Laid)>, LayoutError> {
    let all: Vec<(usize, usize, &Quote)> = briefing
        .agenda
        .iter()
        .enumerate()
        .flat_map(|(n, item)| {
            item.quotes
                .iter()
                .enumerate()
                .map(move |(q, quote)| (n, q, quote))
        })
        .collect();
    let total = all.len().max(1);
    // Lays out `part` with the thread's engine and attribution lines.
    let shape_part = |engine: &mut TextEngine,
                      laid_attributions: &mut HashMap<(String, BaseDirection), Laid>,
                      part: &[(usize, usize, &Quote)]|
     -> Result<Vec<(Laid, Laid)>, LayoutError> {
        let mut out = Vec::with_capacity(part.len());
        for &(n, q, quote) in part {
            // A quote reads in the direction of the paragraph it was taken from.
            let quote_dir = BaseDirection::forced(briefing.quote_is_rtl(quote));
            let para =
                engine.shape_and_layout(&quote.text, &st.quote, quote_dir, width, Align::Start);
            check(&para, &|| {
                format!("quote {} of agenda item {}", q + 1, n + 1)
            })?;
            let dir = if para.is_rtl() {
                BaseDirection::Rtl
            } else {
                BaseDirection::Ltr
            };
            let line = attribution(
                quote,
                briefing.article(quote.article),
                labels,
                briefing.language.direction(),
            );
            let attr = match laid_attributions.entry((line, dir)) {
                Entry::Occupied(e) => e.get().clone(),
                Entry::Vacant(e) => {
                    let line = &e.key().0;
                    let attr = engine.shape_and_layout(line, &st.small, dir, width, Align::Start);
                    check(&attr, &|| {
                        format!(
                            "the attribution of quote {} of agenda item {}",
                            q + 1,
                            n + 1
                        )
                    })?;
                    e.insert(Laid::new(attr)).clone()
                }
            };
            out.push((Laid::new(para), attr));
        }
        Ok(out)
    };
    // Both threads take chunks of quotes in order until none is left (quotes differ a lot in
    // length, and the main thread starts later), each with its own engine. Every chunk taken
    // is finished, so after an error the chunks before it are all there and the error
    // reported is the first in the briefing's order.
    const CHUNK: usize = 16;
    let chunks = all.len().div_ceil(CHUNK);
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    type Done = Vec<(usize, Result<Vec<(Laid, Laid)>, LayoutError>)>;
    let shape_chunks = |report: &mut dyn FnMut(usize)| -> Done {
        let mut engine = TextEngine::new();
        // Attribution lines repeat (many quotes of one speaker from one article): each
        // distinct (text, direction) is laid out once per thread.
        let mut laid_attributions = HashMap::new();
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let c = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = all.get(c * CHUNK..((c + 1) * CHUNK).min(all.len())) else {
                break;
            };
            if part.is_empty() {
                break;
            }
            let result = shape_part(&mut engine, &mut laid_attributions, part);
            if result.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            report(finished.fetch_add(part.len(), Ordering::Relaxed) + part.len());
            done.push((c, result));
        }
        done
    };
    let mut done = if chunks <= 1 {
        shape_chunks(&mut |_| {})
    } else {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| shape_chunks(&mut |_| {}));
            let mut last = 0;
            let mut mine = shape_chunks(&mut |finished| {
                if finished / 64 != last / 64 {
                    progress(0.75 * finished as f32 / total as f32);
                }
                last = finished;
            });
            let theirs = other.join().map_err(|_| LayoutError::Thread)?;
            mine.extend(theirs);
            Ok::<_, LayoutError>(mine)
        })?
    };
    done.sort_by_key(|(c, _)| *c);
    let mut out = Vec::with_capacity(all.len());
    for (_, result) in done {
        out.extend(result?);
    }
    Ok(out)
}

/// The first character of `para` that no bundled font has, as an error naming `place`.
fn check(para: &crate::text::Paragraph, place: &dyn Fn() -> String) -> Result<(), LayoutError> {
    match para.missing_chars().first() {
        Some(&(_, ch)) => Err(LayoutError::MissingChar {
            ch,
            code: ch as u32,
            place: place(),
        }),
        None => Ok(()),
    }
}

/// The base direction of a paragraph of the briefing's own text or of an article's, by the
/// product's rule ([`Direction::of_paragraph`]) with the context's direction as the default.
fn base(text: &str, default: Direction) -> BaseDirection {
    BaseDirection::forced(Some(Direction::of_paragraph(text, default).is_rtl()))
}

/// `text` isolated inside a line, in its own direction by the product's rule.
fn isolate_as(text: &str, default: Direction) -> String {
    isolate(text, Some(Direction::of_paragraph(text, default).is_rtl()))
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// "speaker — article title, source, date, p. 3", each part isolated so names keep their
/// order; the page(s) only for an article from a paged source (a PDF).
fn attribution(
    quote: &Quote,
    article: Option<&Article>,
    labels: &Labels,
    own: Direction,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(article) = article {
        if !article.title.trim().is_empty() {
            parts.push(isolate_as(article.title.trim(), article.direction));
        }
        if !article.source.trim().is_empty() {
            parts.push(isolate_as(article.source.trim(), article.direction));
        }
        if let Some(date) = non_empty(&article.date) {
            parts.push(isolate_as(date, article.direction));
        }
        if let Some(pages) = labels.source_pages(&article.pages_of(quote.start, quote.end)) {
            parts.push(isolate_as(&pages, own));
        }
    }
    let speaker = non_empty(&quote.speaker)
        .map(|s| isolate_as(s, own))
        .unwrap_or_else(|| labels.unknown_speaker.to_owned());
    format!("{speaker} — {}", parts.join(labels.comma))
}

/// Place every line: a new page when a line does not fit, with the keeps a reader expects of
/// a circulated paper. A heading is never last on a page (it goes with the first line of what
/// follows). A paragraph of three lines or fewer is not split; a longer one leaves at least
/// two lines at the foot of a page and carries at least two to the next (no orphan, no
/// widow). A quote's attribution stays with the quote's last line, so a page never opens with
/// "speaker — source" cut off from the words it credits.
fn paginate(blocks: &[Block], g: &Geometry) -> Vec<Vec<Placed>> {
    let body_top = g.top;
    let body_bottom = g.height - g.bottom;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut cursor = body_top;
    let height = |lines: &[Line]| lines.iter().map(|l| l.height).sum::<f32>();
    for (i, block) in blocks.iter().enumerate() {
        let lines = block.para.lines();
        if lines.is_empty() {
            continue;
        }
        let n = lines.len();
        // What must share a page with this block's last line: the attribution after a quote.
        let kept_after = match (block.role, blocks.get(i + 1)) {
            (Role::Quote, Some(next)) if next.role == Role::Attribution => {
                next.space_before + height(next.para.lines())
            }
            _ => 0.0,
        };
        let at_top = pages.last().is_some_and(|p| p.is_empty()) || cursor <= body_top;
        let space = if at_top { 0.0 } else { block.space_before };
        let need = if block.is_heading() {
            let mut need = space + height(lines);
            if let Some(first) = blocks.get(i + 1).and_then(|next| {
                next.para
                    .lines()
                    .first()
                    .map(|first| next.space_before + first.height)
            }) {
                need += first;
            }
            need
        } else if n <= 3 {
            space + height(lines) + kept_after
        } else {
            space + height(&lines[..2])
        };
        if !at_top && cursor + need > body_bottom {
            pages.push(Vec::new());
            cursor = body_top;
        } else {
            cursor += space;
        }
        for (l, line) in lines.iter().enumerate() {
            let page_top = cursor <= body_top;
            let breaks = cursor + line.height > body_bottom
                // Two lines left, the page has two of this block already, and they would not
                // both fit with what goes with the last: both go over.
                || (n > 3
                    && l + 2 == n
                    && l >= 2
                    && cursor + height(&lines[l..]) + kept_after > body_bottom);
            if breaks && !page_top {
                pages.push(Vec::new());
                cursor = body_top;
            }
            if let Some(page) = pages.last_mut() {
                page.push(Placed {
                    block: i,
                    line: l,
                    offset: cursor - line.top,
                });
            }
            cursor += line.height;
        }
    }
    pages
}

/// Every page's lines and rules from the pagination, with the contents' page numbers, the
/// running marks, the bookmarks and the links, which need to know where things landed.
fn place(
    mut b: Builder<'_>,
    placed: &[Vec<Placed>],
    st: &Styles,
    briefing: &Briefing,
    number_column: f32,
) -> Result<Pages, LayoutError> {
    let g = b.geometry;
    let total = placed.len();
    let page_dir = if b.page_rtl {
        BaseDirection::Rtl
    } else {
        BaseDirection::Ltr
    };
    let full = g.text_width();

    // Where each item's heading landed.
    let mut heading_at: Vec<Option<(usize, f32)>> = vec![None; briefing.agenda.len()];
    let mut bookmarks = Vec::new();
    for (p, page) in placed.iter().enumerate() {
        for pl in page {
            if pl.line != 0 {
                continue;
            }
            let block = &b.blocks[pl.block];
            if let Role::ItemHeading(n) = block.role {
                let top = block.para.lines().first().map_or(0.0, |l| l.top);
                if let Some(slot) = heading_at.get_mut(n) {
                    *slot = Some((p, pl.offset + top));
                }
                bookmarks.push(Bookmark {
                    title: briefing
                        .agenda
                        .get(n)
                        .map_or(String::new(), |i| i.title.clone()),
                    page: p,
                    y: pl.offset + top,
                });
            }
        }
    }

    let marking = match non_empty(&briefing.classification) {
        Some(text) => Some(b.shape(
            text,
            &st.marking,
            base(text, briefing.language.direction()),
            full,
            Some(Align::Center),
            &|| "the classification".to_owned(),
        )?),
        None => None,
    };

    // The blocks' paragraphs keep their indices; the page numbers, the marking and the
    // footers go after them.
    let mut paragraphs: Vec<Laid> = Vec::with_capacity(b.blocks.len() + total + 8);
    let mut blocks = Vec::with_capacity(b.blocks.len());
    for block in std::mem::take(&mut b.blocks) {
        let Block {
            para,
            x,
            role,
            color,
            uri,
            ..
        } = block;
        paragraphs.push(para);
        blocks.push((x, role, color, uri));
    }
    let marking = marking.map(|m| {
        paragraphs.push(m);
        paragraphs.len() - 1
    });

    let mut links = Vec::new();
    let mut pages = Vec::with_capacity(total);
    for (p, page) in placed.iter().enumerate() {
        let mut out = Page::default();
        // Quote rules: one per quote fragment on this page, on the quote's start side.
        let mut fragment: Option<(usize, f32, f32, bool)> = None;
        let flush = |frag: Option<(usize, f32, f32, bool)>, rules: &mut Vec<Rule>| {
            if let Some((bi, y0, y1, rtl)) = frag {
                let width = full - 2.0 * 8.0 * MM;
                let x = if rtl {
                    g.left + blocks[bi].0 + width + 3.5 * MM
                } else {
                    g.left + blocks[bi].0 - 3.5 * MM - 1.6
                };
                rules.push(Rule {
                    x,
                    y: y0,
                    width: 1.6,
                    height: y1 - y0,
                    color: RULE,
                });
            }
        };
        for pl in page {
            let (x, role, color, uri) = &blocks[pl.block];
            let para = &paragraphs[pl.block];
            let Some(line) = para.lines().get(pl.line) else {
                continue;
            };
            let (line_top, line_bottom) =
                (pl.offset + line.top, pl.offset + line.top + line.height);
            if *role == Role::Quote {
                fragment = match fragment {
                    Some((bi, a, _, rtl)) if bi == pl.block => Some((bi, a, line_bottom, rtl)),
                    other => {
                        flush(other, &mut out.rules);
                        Some((pl.block, line_top, line_bottom, para.is_rtl()))
                    }
                };
            }
            let left = g.left + x;
            // A contents entry links to its heading across the whole text width (number
            // and leader dots included); an address links where its text is.
            if let Role::ContentsEntry(n) = role {
                if let Some(Some((page, y))) = heading_at.get(*n) {
                    links.push(Link {
                        page: p,
                        rect: [g.left, line_top, g.left + full, line_bottom],
                        target: LinkTarget::Place { page: *page, y: *y },
                    });
                }
            }
            if let Some((range, url)) = uri {
                let ink = line
                    .runs
                    .iter()
                    .filter(|r| r.text_range.start < range.end && range.start < r.text_range.end)
                    .fold(None, |acc: Option<(f32, f32)>, r| {
                        let (a, b) = (r.x, r.x + r.width);
                        Some(acc.map_or((a, b), |(x0, x1)| (x0.min(a), x1.max(b))))
                    });
                if let Some((x0, x1)) = ink {
                    links.push(Link {
                        page: p,
                        rect: [left + x0, line_top, left + x1, line_bottom],
                        target: LinkTarget::Uri(url.clone()),
                    });
                }
            }
            out.lines.push(PlacedLine {
                paragraph: pl.block,
                line: pl.line,
                left,
                offset: pl.offset,
                color: *color,
                role: *role,
            });
            // The contents' page numbers, on the end side of the last line of the entry.
            let Role::ContentsEntry(n) = *role else {
                continue;
            };
            if pl.line + 1 != para.lines().len() {
                continue;
            }
            let Some(Some((target, _))) = heading_at.get(n) else {
                continue;
            };
            let number = b.labels.number(target + 1);
            let number = Laid::new(b.engine.shape_and_layout(
                &number,
                &st.body,
                page_dir,
                number_column,
                Align::Start,
            ));
            let Some(nl) = number.lines().first() else {
                continue;
            };
            let number_x = if b.page_rtl {
                g.left
            } else {
                g.left + full - number_column
            };
            // Leader dots from the entry's text to its page number.
            let ink_left = line.runs.first().map_or(0.0, |r| r.x);
            let ink_right = line.runs.last().map_or(0.0, |r| r.x + r.width);
            let (from, to) = if b.page_rtl {
                (g.left + number_column, left + ink_left)
            } else {
                (left + ink_right, g.left + full - number_column)
            };
            let baseline = pl.offset + line.baseline;
            leader_dots(&mut out.rules, from, to, baseline);
            let offset = baseline - nl.baseline;
            out.lines.push(PlacedLine {
                paragraph: paragraphs.len(),
                line: 0,
                left: number_x,
                offset,
                color: INK,
                role: Role::ContentsNumber(n),
            });
            paragraphs.push(number);
        }
        flush(fragment.take(), &mut out.rules);

        // Running marks: classification top and bottom, "page X of Y" above the bottom one.
        if let Some(m) = marking {
            for y_top in [10.0 * MM, g.height - 11.0 * MM] {
                for line in 0..paragraphs[m].lines().len() {
                    out.lines.push(PlacedLine {
                        paragraph: m,
                        line,
                        left: g.left,
                        offset: y_top,
                        color: MARKING,
                        role: Role::Running,
                    });
                }
            }
        }
        let footer = b.labels.page_of(p + 1, total);
        let footer =
            Laid::new(
                b.engine
                    .shape_and_layout(&footer, &st.small, page_dir, full, Align::Center),
            );
        for line in 0..footer.lines().len() {
            out.lines.push(PlacedLine {
                paragraph: paragraphs.len(),
                line,
                left: g.left,
                offset: g.height - 17.0 * MM,
                color: GREY,
                role: Role::Running,
            });
        }
        paragraphs.push(footer);
        pages.push(out);
    }
    Ok(Pages {
        geometry: g,
        language: briefing.language,
        paragraphs,
        pages,
        bookmarks,
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block of `text` laid out `width` wide.
    fn block(engine: &mut TextEngine, text: &str, width: f32, role: Role) -> Block {
        let para = engine.shape_and_layout(
            text,
            &TextStyle::default(),
            BaseDirection::Ltr,
            width,
            Align::Start,
        );
        Block {
            para: Laid::new(para),
            x: 0.0,
            space_before: 10.0,
            role,
            color: INK,
            uri: None,
        }
    }

    /// A page whose body, from y = 0, is `body` high.
    fn page(body: f32) -> Geometry {
        Geometry {
            width: 600.0,
            height: body,
            left: 0.0,
            right: 0.0,
            top: 0.0,
            bottom: 0.0,
        }
    }

    /// The page each line of block `b` went on.
    fn pages_of(placed: &[Vec<Placed>], b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for (p, lines) in placed.iter().enumerate() {
            out.extend(lines.iter().filter(|l| l.block == b).map(|_| p));
        }
        out
    }

    const WORDS: &str = "the minister said the talks would resume next week in the capital";

    fn lines_of(b: &Block) -> f32 {
        b.para.lines().iter().map(|l| l.height).sum()
    }

    #[test]
    fn a_quote_goes_over_with_its_attribution() {
        let mut engine = TextEngine::new();
        let filler = block(&mut engine, WORDS, 2000.0, Role::Notes);
        let quote = block(&mut engine, "a short quote", 2000.0, Role::Quote);
        let attribution = block(&mut engine, "Ali — KUNA", 2000.0, Role::Attribution);
        // Room for the quote's line but not for its attribution.
        let body = lines_of(&filler) + 10.0 + lines_of(&quote) + 5.0;
        let blocks = [filler, quote, attribution];
        let placed = paginate(&blocks, &page(body));
        assert_eq!(pages_of(&placed, 0), [0]);
        assert_eq!(pages_of(&placed, 1), [1]);
        assert_eq!(pages_of(&placed, 2), [1]);
    }

    #[test]
    fn a_long_paragraph_leaves_no_line_alone_at_either_side_of_a_break() {
        let mut engine = TextEngine::new();
        let filler = block(&mut engine, WORDS, 2000.0, Role::Notes);
        let long = block(&mut engine, &[WORDS; 5].join(" "), 300.0, Role::Notes);
        let n = long.para.lines().len();
        assert!(n >= 5, "{n} lines");
        let line = long.para.lines()[0].height;
        let filler_h = lines_of(&filler);
        // Room for all but one line: two go over, not one.
        let blocks = [filler, long];
        let all_but_one = filler_h + 10.0 + line * (n as f32 - 1.0) + line * 0.5;
        let placed = paginate(&blocks, &page(all_but_one));
        let on = pages_of(&placed, 1);
        assert_eq!(on.iter().filter(|&&p| p == 1).count(), 2, "{on:?}");
        // Room for one line only: the paragraph starts on the next page.
        let one = filler_h + 10.0 + line * 1.5;
        let placed = paginate(&blocks, &page(one.max(line * 3.0)));
        let on = pages_of(&placed, 1);
        assert!(on.iter().filter(|&&p| p == on[0]).count() >= 2, "{on:?}");
    }

    #[test]
    fn a_paragraph_of_three_lines_is_not_split() {
        let mut engine = TextEngine::new();
        let filler = block(&mut engine, WORDS, 2000.0, Role::Notes);
        let mut three = block(&mut engine, WORDS, 2000.0, Role::Notes);
        for width in (100..600).rev().step_by(10) {
            three = block(&mut engine, WORDS, width as f32, Role::Notes);
            if three.para.lines().len() == 3 {
                break;
            }
        }
        assert_eq!(three.para.lines().len(), 3);
        let line = three.para.lines()[0].height;
        let body = lines_of(&filler) + 10.0 + line * 2.5;
        let blocks = [filler, three];
        let placed = paginate(&blocks, &page(body.max(line * 3.5)));
        let on = pages_of(&placed, 1);
        assert!(on.iter().all(|&p| p == on[0]), "{on:?}");
    }
}
