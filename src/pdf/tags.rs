//! Tagged PDF: the structure tree screen readers and reflow follow, built from what each
//! placed line is part of ([`Role`]).
//!
//! Document > H1 (title), P (cover lines), H2 and L > LI > Link (the contents), Sect per
//! agenda item > H2, P (notes), BlockQuote (the quote, with `/Lang` when its article's language
//! is not the briefing's) > P (attribution, note), and H2 and L > LI (the sources, each with a
//! Link for its address). The lines of one element that follow each other on a page are one
//! marked-content sequence (`/MCID`); running banners and page numbers, rules and the silent
//! mark glyphs are `/Artifact`s.
//!
//! The elements' children are listed in reading order; each sequence's glyphs are in the
//! stream order the copy-out readers need (see `readers`), which for right-to-left text is
//! not logical order, so a tool that concatenates a sequence's glyph texts as drawn
//! (`pdfinfo -struct-text`) prints right-to-left lines reversed.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId};

use crate::pages::{Link, Pages, Role};

/// Lines of one element that follow each other on a page, `lines` of `Page::lines`, painted as
/// one marked-content sequence or more (see `mcids`), tagged for `element`
/// (`Kid::Content` names it by its index among the page's tagged runs), or an artifact.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    pub lines: std::ops::Range<usize>,
    /// `None`: an artifact.
    pub element: Option<usize>,
    /// The MCIDs its marked-content sequences were painted with, in stream order (one, or none
    /// when it painted nothing: an `/ActualText` nests in it, see `content::Marking`); set by
    /// the painter.
    pub mcids: std::ops::Range<u32>,
}

#[derive(Clone, Debug, PartialEq)]
enum Kid {
    Element(usize),
    /// The marked-content sequences of a run: page and the run's index among the page's
    /// tagged runs.
    Content(usize, u32),
    /// A link annotation, by its index in `Pages::links`.
    Annot(usize),
}

#[derive(Clone, Debug)]
struct Element {
    kind: &'static str,
    /// `None` for the document element.
    parent: Option<usize>,
    lang: Option<Box<str>>,
    kids: Vec<Kid>,
}

/// The tree and each page's marked-content sequences.
pub(crate) struct Tagging {
    elements: Vec<Element>,
    /// Per page, its runs in stream order.
    pub pages: Vec<Vec<Run>>,
}

impl Run {
    /// The structure type a run's `BDC` carries: its element's, `/Artifact` for none.
    pub(crate) fn tag(&self, tagging: &Tagging) -> &'static str {
        match self.element {
            Some(e) => tagging.elements[e].kind,
            None => "Artifact",
        }
    }
}

/// Where the walk over the lines stands: the open containers and the element that took the
/// last line.
struct Walk {
    t: Tagging,
    /// The agenda item's section, or the document.
    container: usize,
    contents: Option<usize>,
    sources: Option<usize>,
    quote: Option<usize>,
    /// The element for (role, paragraph) of the last line.
    last: Option<(Role, usize, usize)>,
    /// The contents entries' links, by agenda item.
    entries: Vec<(usize, usize)>,
    /// The briefing's language.
    lang: Box<str>,
}

impl Walk {
    fn add(&mut self, kind: &'static str, parent: usize, lang: Option<Box<str>>) -> usize {
        let id = self.t.elements.len();
        self.t.elements.push(Element {
            kind,
            parent: Some(parent),
            lang,
            kids: Vec::new(),
        });
        self.t.elements[parent].kids.push(Kid::Element(id));
        id
    }

    /// The element a line of `role` in paragraph `para` goes into.
    fn element_for(&mut self, role: Role, para: usize, lang: Option<&str>) -> usize {
        if let Some((r, p, e)) = self.last {
            if r == role && p == para {
                return e;
            }
        }
        let lang = lang.map(Box::from);
        let e = match role {
            Role::Title => self.add("H1", 0, lang),
            Role::Cover => self.add("P", 0, lang),
            Role::Heading => {
                // "Contents" or "Sources": after the items, back at the document's level.
                self.container = 0;
                self.quote = None;
                self.contents = None;
                self.sources = None;
                self.add("H2", 0, lang)
            }
            Role::ContentsEntry(_) | Role::ContentsNumber(_) => {
                let list = match self.contents {
                    Some(l) => l,
                    None => {
                        let l = self.add("L", 0, None);
                        self.contents = Some(l);
                        l
                    }
                };
                // The entry's title and its page number are one item, one link.
                let n = match role {
                    Role::ContentsEntry(n) | Role::ContentsNumber(n) => n,
                    _ => usize::MAX,
                };
                if let Some(&(_, e)) = self.entries.iter().find(|(m, _)| *m == n) {
                    self.last = Some((role, para, e));
                    return e;
                }
                let item = self.add("LI", list, None);
                let link = self.add("Link", item, lang);
                self.entries.push((n, link));
                link
            }
            Role::ItemHeading(_) => {
                self.contents = None;
                self.quote = None;
                let sect = self.add("Sect", 0, None);
                self.container = sect;
                self.add("H2", sect, lang)
            }
            Role::Notes => {
                self.quote = None;
                self.add("P", self.container, lang)
            }
            Role::Quote => {
                let q = self.add("BlockQuote", self.container, lang);
                self.quote = Some(q);
                q
            }
            // The attribution and the note are part of the quote's element; a paragraph of
            // their own when the quote is in another language than they are.
            Role::Attribution | Role::QuoteNote => match self.quote {
                Some(q) if self.t.elements[q].lang.is_none() => q,
                Some(q) => {
                    let own = lang.unwrap_or_else(|| self.lang.clone());
                    self.add("P", q, Some(own))
                }
                None => self.add("P", self.container, lang),
            },
            Role::Source => {
                let list = match self.sources {
                    Some(l) => l,
                    None => {
                        let l = self.add("L", self.container, None);
                        self.sources = Some(l);
                        l
                    }
                };
                self.add("LI", list, lang)
            }
            // Not reached: running lines are artifacts.
            Role::Running => self.container,
        };
        self.last = Some((role, para, e));
        e
    }
}

/// The structure of `laid`: every line but the running ones in an element, in reading order.
pub(crate) fn tag(laid: &Pages, lang: &str) -> Tagging {
    let mut walk = Walk {
        t: Tagging {
            elements: vec![Element {
                kind: "Document",
                parent: None,
                lang: None,
                kids: Vec::new(),
            }],
            pages: Vec::with_capacity(laid.pages.len()),
        },
        container: 0,
        contents: None,
        sources: None,
        quote: None,
        last: None,
        entries: Vec::new(),
        lang: Box::from(lang),
    };
    for (p, page) in laid.pages.iter().enumerate() {
        let mut runs: Vec<Run> = Vec::new();
        let mut mcid = 0u32;
        for (i, placed) in page.lines.iter().enumerate() {
            let element = if placed.role == Role::Running {
                None
            } else {
                let lang = laid
                    .paragraphs
                    .get(placed.paragraph)
                    .and_then(|para| para.lang());
                Some(walk.element_for(placed.role, placed.paragraph, lang))
            };
            match runs.last_mut() {
                Some(run) if run.element == element => run.lines.end = i + 1,
                _ => {
                    let mut mcids = 0..0;
                    if let Some(e) = element {
                        walk.t.elements[e].kids.push(Kid::Content(p, mcid));
                        mcids = mcid..mcid + 1;
                        mcid += 1;
                    }
                    runs.push(Run {
                        lines: i..i + 1,
                        element,
                        mcids,
                    });
                }
            }
        }
        walk.t.pages.push(runs);
    }
    // Each link goes into the element of the line it lies on: a contents entry's Link, a
    // source's item.
    for (l, link) in laid.links.iter().enumerate() {
        if link.page >= walk.t.pages.len() {
            continue;
        }
        let on = line_under(laid, link);
        let element = on.and_then(|i| {
            walk.t.pages[link.page]
                .iter()
                .find(|r| r.lines.contains(&i))
                .and_then(|r| r.element)
        });
        if let Some(e) = element {
            // A source's address: a Link of its own inside the item.
            let e = if walk.t.elements[e].kind == "Link" {
                e
            } else {
                walk.add("Link", e, None)
            };
            walk.t.elements[e].kids.push(Kid::Annot(l));
        }
    }
    walk.t
}

/// The line (an index into its page's lines) that `link` lies on, running lines aside.
pub(crate) fn line_under(laid: &Pages, link: &Link) -> Option<usize> {
    let page = laid.pages.get(link.page)?;
    let mid = (link.rect[1] + link.rect[3]) / 2.0;
    page.lines.iter().position(|placed| {
        laid.line_of(placed).is_some_and(|(_, line)| {
            let top = placed.offset + line.top;
            placed.role != Role::Running && top <= mid && mid <= top + line.height
        })
    })
}

/// What a screen reader says for `link`: the text of the paragraph it lies on, on its page.
pub(crate) fn link_text(laid: &Pages, link: &Link) -> Option<String> {
    let page = laid.pages.get(link.page)?;
    let para = page.lines.get(line_under(laid, link)?)?.paragraph;
    let parts: Vec<String> = page
        .lines
        .iter()
        .filter(|placed| placed.paragraph == para)
        .map(|placed| laid.line_text(placed))
        .collect();
    Some(parts.join(" ")).filter(|t| !t.trim().is_empty())
}

/// Write the tree into `doc`: the root's id, for the catalog's `/StructTreeRoot`. Each page `p`
/// gets `/StructParents p`; link annotation `l` gets `/StructParent` (pages + l).
pub(crate) fn write(
    doc: &mut Document,
    tagging: &Tagging,
    page_ids: &[ObjectId],
    annot_ids: &[Option<ObjectId>],
    lang: &str,
) -> ObjectId {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tagging
        .elements
        .iter()
        .map(|_| doc.new_object_id())
        .collect();
    // Per page, the MCIDs of each tagged run.
    let mcids: Vec<Vec<std::ops::Range<u32>>> = tagging
        .pages
        .iter()
        .map(|runs| {
            runs.iter()
                .filter(|r| r.element.is_some())
                .map(|r| r.mcids.clone())
                .collect()
        })
        .collect();
    let run_mcids = |p: usize, run: u32| {
        mcids
            .get(p)
            .and_then(|m| m.get(run as usize))
            .cloned()
            .unwrap_or(0..0)
    };
    // Per page, the element of each MCID; per annotation, its element.
    let mut parents: Vec<Vec<Object>> = tagging
        .pages
        .iter()
        .map(|runs| {
            let mut list = Vec::new();
            for r in runs {
                let Some(e) = r.element else { continue };
                for id in r.mcids.clone() {
                    let at = id as usize;
                    if list.len() <= at {
                        list.resize(at + 1, Object::Null);
                    }
                    list[at] = Object::Reference(ids[e]);
                }
            }
            list
        })
        .collect();
    let mut annot_parent: Vec<Option<ObjectId>> = vec![None; annot_ids.len()];
    for (e, element) in tagging.elements.iter().enumerate() {
        // The page most of its content is on: the first.
        let page = element.kids.iter().find_map(|k| match k {
            Kid::Content(p, run) if !run_mcids(*p, *run).is_empty() => Some(*p),
            _ => None,
        });
        let mut kids = Vec::with_capacity(element.kids.len());
        for kid in &element.kids {
            kids.push(match kid {
                Kid::Element(c) => Object::Reference(ids[*c]),
                Kid::Content(p, run) => {
                    for mcid in run_mcids(*p, *run) {
                        kids.push(if Some(*p) == page {
                            Object::Integer(i64::from(mcid))
                        } else {
                            Object::Dictionary(dictionary! {
                                "Type" => "MCR",
                                "Pg" => page_ids[*p],
                                "MCID" => i64::from(mcid),
                            })
                        });
                    }
                    continue;
                }
                Kid::Annot(l) => {
                    let Some(Some(annot)) = annot_ids.get(*l) else {
                        continue;
                    };
                    annot_parent[*l] = Some(ids[e]);
                    Object::Dictionary(dictionary! { "Type" => "OBJR", "Obj" => *annot })
                }
            });
        }
        let mut dict = dictionary! {
            "S" => element.kind,
            "P" => element.parent.map_or(root, |p| ids[p]),
            "K" => if kids.len() == 1 { kids.pop().unwrap_or(Object::Null) } else { Object::Array(kids) },
        };
        if let Some(p) = page {
            dict.set("Pg", page_ids[p]);
        }
        if element.parent.is_none() {
            dict.set("Lang", Object::string_literal(lang));
        } else if let Some(l) = &element.lang {
            dict.set("Lang", Object::string_literal(l.as_bytes().to_vec()));
        }
        doc.objects.insert(ids[e], Object::Dictionary(dict));
    }
    let mut nums = Vec::with_capacity(2 * (parents.len() + annot_ids.len()));
    for (p, list) in parents.iter_mut().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(std::mem::take(list)));
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page_ids[p]) {
            page.set("StructParents", p as i64);
            // Tab order follows the structure.
            page.set("Tabs", "S");
        }
    }
    let mut key = page_ids.len() as i64;
    for (annot, parent) in annot_ids.iter().zip(&annot_parent) {
        let (Some(annot), Some(parent)) = (annot, parent) else {
            continue;
        };
        nums.push(Object::Integer(key));
        nums.push(Object::Reference(*parent));
        if let Ok(Object::Dictionary(a)) = doc.get_object_mut(*annot) {
            a.set("StructParent", key);
        }
        key += 1;
    }
    let parent_tree = doc.add_object(dictionary! { "Nums" => nums });
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", "StructTreeRoot");
    if !ids.is_empty() {
        root_dict.set("K", ids[0]);
    }
    root_dict.set("ParentTree", parent_tree);
    root_dict.set("ParentTreeNextKey", key);
    doc.objects.insert(root, Object::Dictionary(root_dict));
    root
}
