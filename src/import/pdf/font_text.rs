//! Text recovered from an embedded font, for glyphs the PDF gives no usable text for (no
//! `ToUnicode`, or one that maps them to nothing).
//!
//! A glyph the font's `cmap` reaches stands for that character. A contextual form, a
//! ligature or an alternate that only `GSUB` reaches is found by running the font's
//! substitutions backwards: a single substitution's output stands for its input's text, a
//! ligature for its components' texts in order. Contextual lookups only call such lookups,
//! so walking every single, alternate and ligature lookup reaches what they produce.

use std::collections::HashMap;

use hayro_interpret::font::OutlineFontData;
use skrifa::raw::tables::gsub::{SingleSubst, SubstitutionSubtables};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// Glyph texts per embedded font, built on first use.
#[derive(Default)]
pub struct FontText {
    fonts: HashMap<u128, Option<HashMap<u32, String>>>,
}

impl FontText {
    /// The text the glyph `gid` of the font `data` stands for, by the font itself.
    pub fn text_of(&mut self, data: &OutlineFontData, gid: u32) -> Option<String> {
        let table = self
            .fonts
            .entry(data.cache_key)
            .or_insert_with(|| glyph_texts((*data.data).as_ref()));
        table.as_ref()?.get(&gid).cloned()
    }
}

/// The most rounds of walking `GSUB` backwards: enough for a chain of forms of forms.
const ROUNDS: usize = 4;

/// Every glyph of the font reachable from its `cmap`, with its text; `None` when the data is
/// not an OpenType font (a bare CFF program has no `cmap` to start from).
fn glyph_texts(data: &[u8]) -> Option<HashMap<u32, String>> {
    let font = FontRef::new(data).ok()?;
    let mut texts: HashMap<u32, String> = HashMap::new();
    for (codepoint, gid) in font.charmap().mappings() {
        let Some(c) = char::from_u32(codepoint) else {
            continue;
        };
        let better = texts
            .get(&gid.to_u32())
            .and_then(|t| t.chars().next())
            .is_none_or(|old| presentation_form(old) && !presentation_form(c));
        if better {
            texts.insert(gid.to_u32(), c.to_string());
        }
    }
    if let Ok(gsub) = font.gsub() {
        if let Ok(lookups) = gsub.lookup_list() {
            for _ in 0..ROUNDS {
                let before = texts.len();
                for lookup in lookups.lookups().iter().flatten() {
                    if let Ok(subtables) = lookup.subtables() {
                        walk_back(&subtables, &mut texts);
                    }
                }
                if texts.len() == before {
                    break;
                }
            }
        }
    }
    Some(texts)
}

/// Whether `c` is an Arabic or Hebrew presentation form: a letter's own code is preferred.
fn presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Give each output glyph of the substitutions its inputs' text, where the output has none.
fn walk_back(subtables: &SubstitutionSubtables<'_>, texts: &mut HashMap<u32, String>) {
    let give = |from: u32, to: u32, texts: &mut HashMap<u32, String>| {
        if !texts.contains_key(&to) {
            if let Some(t) = texts.get(&from).cloned() {
                texts.insert(to, t);
            }
        }
    };
    match subtables {
        SubstitutionSubtables::Single(list) => {
            for sub in list.iter().flatten() {
                match sub {
                    SingleSubst::Format1(f) => {
                        let Ok(coverage) = f.coverage() else { continue };
                        let delta = i32::from(f.delta_glyph_id());
                        for gid in coverage.iter() {
                            let from = u32::from(gid.to_u16());
                            let to = (from as i32 + delta).rem_euclid(65536) as u32;
                            give(from, to, texts);
                        }
                    }
                    SingleSubst::Format2(f) => {
                        let Ok(coverage) = f.coverage() else { continue };
                        for (gid, out) in coverage.iter().zip(f.substitute_glyph_ids()) {
                            give(
                                u32::from(gid.to_u16()),
                                u32::from(out.get().to_u16()),
                                texts,
                            );
                        }
                    }
                }
            }
        }
        SubstitutionSubtables::Alternate(list) => {
            for sub in list.iter().flatten() {
                let Ok(coverage) = sub.coverage() else {
                    continue;
                };
                for (gid, set) in coverage.iter().zip(sub.alternate_sets().iter()) {
                    let Ok(set) = set else { continue };
                    for out in set.alternate_glyph_ids() {
                        give(
                            u32::from(gid.to_u16()),
                            u32::from(out.get().to_u16()),
                            texts,
                        );
                    }
                }
            }
        }
        SubstitutionSubtables::Ligature(list) => {
            for sub in list.iter().flatten() {
                let Ok(coverage) = sub.coverage() else {
                    continue;
                };
                for (first, set) in coverage.iter().zip(sub.ligature_sets().iter()) {
                    let Ok(set) = set else { continue };
                    for lig in set.ligatures().iter().flatten() {
                        let to = u32::from(lig.ligature_glyph().to_u16());
                        if texts.contains_key(&to) {
                            continue;
                        }
                        let mut text = match texts.get(&u32::from(first.to_u16())) {
                            Some(t) => t.clone(),
                            None => continue,
                        };
                        let complete = lig.component_glyph_ids().iter().all(|c| {
                            texts
                                .get(&u32::from(c.get().to_u16()))
                                .map(|t| text.push_str(t))
                                .is_some()
                        });
                        if complete {
                            texts.insert(to, text);
                        }
                    }
                }
            }
        }
        SubstitutionSubtables::Multiple(list) => {
            // One glyph into several: the first stands for the input, the rest for nothing.
            for sub in list.iter().flatten() {
                let Ok(coverage) = sub.coverage() else {
                    continue;
                };
                for (gid, seq) in coverage.iter().zip(sub.sequences().iter()) {
                    let Ok(seq) = seq else { continue };
                    if let Some(out) = seq.substitute_glyph_ids().first() {
                        give(
                            u32::from(gid.to_u16()),
                            u32::from(out.get().to_u16()),
                            texts,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}
