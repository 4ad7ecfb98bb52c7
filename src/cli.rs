//! The scriptable command line: every job of the app, without a window.
//!
//! Contract: exit 0 on success; on bad input a non-zero exit, one clear line on stderr, and the
//! briefing file unchanged.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::briefing_file::{self, FileError};
use crate::find;
use crate::import::{self, ImportError};
use crate::model::{
    AgendaItem, Briefing, BriefingLanguage, Command, CommandError, Direction, Quote, Slot,
};
use crate::pdf;
use crate::suggest;
use crate::text_search::{self, Found};

/// Prepare diplomatic briefings from news articles: read, quote, outline, export PDF.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A briefing to open in the app (without one, the app opens on the bundled sample).
    pub file: Option<PathBuf>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Paper sizes for export.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Create a new briefing file (refuses to overwrite one).
    New {
        /// The file to create.
        out: PathBuf,
        /// Title of the briefing.
        #[arg(long)]
        title: String,
        /// Classification marking, e.g. RESTRICTED.
        #[arg(long)]
        classification: Option<String>,
        /// Articles to import (txt, md, html, docx, odt, eml, pdf).
        #[arg(long = "article")]
        articles: Vec<PathBuf>,
        /// The password of encrypted PDF articles.
        #[arg(long)]
        password: Option<String>,
    },
    /// Import articles into a briefing.
    AddArticle {
        /// The briefing file.
        briefing: PathBuf,
        /// Article files (txt, md, html, docx, odt, eml, pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The password of encrypted PDF articles.
        #[arg(long)]
        password: Option<String>,
    },
    /// Add quotes, each an exact passage of one article.
    Quote {
        /// The briefing file.
        briefing: PathBuf,
        /// 1-based position of the article in the briefing.
        #[arg(long)]
        article: usize,
        /// The exact text to quote (found after NFC normalisation, else by the folding of
        /// `find`; must occur exactly once).
        #[arg(long = "text", required = true)]
        texts: Vec<String>,
        /// File the quotes under this agenda item, creating it when missing.
        #[arg(long)]
        agenda: Option<String>,
        /// A note for the quotes.
        #[arg(long)]
        note: Option<String>,
        /// Who said it (default: the suggested speaker, if one is found).
        #[arg(long)]
        speaker: Option<String>,
    },
    /// Find a word or passage in the articles, the way Arabic readers search (harakat, hamza,
    /// ى/ي, ة/ه, digits and presentation forms folded); prints each match as article number,
    /// byte range and a line of context. Exit 1 when nothing matches.
    Find {
        /// The briefing file.
        briefing: PathBuf,
        /// What to look for.
        query: String,
        /// Only in this article (1-based position in the briefing).
        #[arg(long)]
        article: Option<usize>,
        /// Match the text as typed (after NFC; whitespace runs still match any whitespace).
        #[arg(long)]
        exact: bool,
        /// ة and ه do not match each other.
        #[arg(long)]
        keep_ta_marbuta: bool,
        /// Only matches that are whole words.
        #[arg(long)]
        whole_word: bool,
    },
    /// Print what the importer keeps of an article file (txt, md, html, docx, odt, eml, pdf): the title line, a
    /// blank line, then each block's text in order with a blank line between blocks.
    Read {
        /// The article file.
        file: PathBuf,
        /// The password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Show the agenda, add items, or list suggested items.
    Agenda {
        /// The briefing file.
        briefing: PathBuf,
        /// Add an agenda item with this title.
        #[arg(long = "add")]
        add: Vec<String>,
        /// Print agenda items suggested by the articles' headings and lists.
        #[arg(long)]
        suggest: bool,
    },
    /// Check a briefing file and print a summary.
    Check {
        /// The briefing file.
        briefing: PathBuf,
    },
    /// Export the briefing as PDF.
    Export {
        /// The briefing file.
        briefing: PathBuf,
        /// The PDF to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Paper size.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
    },
}

/// Why a command failed; displayed as the one line on stderr.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Reading or writing the briefing file failed.
    #[error(transparent)]
    File(#[from] FileError),
    /// An article could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The PDF could not be made or written.
    #[error(transparent)]
    Export(#[from] pdf::ExportError),
    /// A change to the briefing could not be made.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// Anything else, said plainly.
    #[error("{0}")]
    Message(String),
}

fn fail<T>(message: impl Into<String>) -> Result<T, CliError> {
    Err(CliError::Message(message.into()))
}

/// Run a subcommand; what it prints on success goes to `out`.
pub fn run(command: CliCommand, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    match command {
        CliCommand::New {
            out: path,
            title,
            classification,
            articles,
            password,
        } => {
            if path.exists() {
                return fail(format!(
                    "{}: already exists; choose another name or open it",
                    path.display()
                ));
            }
            if title.trim().is_empty() {
                return fail("--title: a briefing needs a title (it heads the PDF)");
            }
            let mut briefing = Briefing::new(title.trim());
            // A briefing titled in Arabic gets Arabic labels (footer, headings) in its PDF.
            if Direction::of_text(&briefing.title).is_rtl() {
                briefing.language = BriefingLanguage::Arabic;
            }
            briefing.classification = classification.filter(|c| !c.trim().is_empty());
            add_articles(&mut briefing, &articles, password.as_deref().unwrap_or(""))?;
            briefing_file::save(&path, &briefing)?;
            say(out, format!("created {}", path.display()));
        }
        CliCommand::AddArticle {
            briefing: path,
            files,
            password,
        } => {
            let mut briefing = briefing_file::load(&path)?;
            let added = add_articles(&mut briefing, &files, password.as_deref().unwrap_or(""))?;
            briefing_file::save(&path, &briefing)?;
            say(
                out,
                format!("added {added} article(s) to {}", path.display()),
            );
        }
        CliCommand::Quote {
            briefing: path,
            article,
            texts,
            agenda,
            note,
            speaker,
        } => {
            let mut briefing = briefing_file::load(&path)?;
            let n = texts.len();
            add_quotes(&mut briefing, &path, article, &texts, agenda, note, speaker)?;
            briefing_file::save(&path, &briefing)?;
            say(out, format!("added {n} quote(s) to {}", path.display()));
        }
        CliCommand::Find {
            briefing: path,
            query,
            article,
            exact,
            keep_ta_marbuta,
            whole_word,
        } => {
            let briefing = briefing_file::load(&path)?;
            let options = find::FindOptions {
                fold_ta_marbuta: !keep_ta_marbuta,
                whole_word,
            };
            find_matches(&briefing, &query, article, exact, options, out)?;
        }
        CliCommand::Agenda {
            briefing: path,
            add,
            suggest: want_suggestions,
        } => {
            let mut briefing = briefing_file::load(&path)?;
            if !add.is_empty() {
                for title in &add {
                    let title = title.trim();
                    if title.is_empty() {
                        return fail("--add: an agenda item needs a title");
                    }
                    if briefing.item_by_title(title).is_some() {
                        return fail(format!("agenda item {title:?} already exists"));
                    }
                    let item = AgendaItem {
                        id: briefing.next_item_id(),
                        title: title.to_owned(),
                        notes: None,
                        quotes: Vec::new(),
                    };
                    apply(&mut briefing, Command::AddItem(usize::MAX, item))?;
                }
                briefing_file::save(&path, &briefing)?;
            }
            if want_suggestions {
                for article in &briefing.articles {
                    for title in suggest::agenda_suggestions(article) {
                        if briefing.item_by_title(&title).is_none() {
                            say(out, title);
                        }
                    }
                }
            } else {
                for (n, item) in briefing.agenda.iter().enumerate() {
                    say(
                        out,
                        format!("{}. {} ({} quotes)", n + 1, item.title, item.quotes.len()),
                    );
                }
            }
        }
        CliCommand::Read { file, password } => read(&file, password.as_deref().unwrap_or(""), out)?,
        CliCommand::Check { briefing: path } => {
            let briefing = briefing_file::load(&path)?;
            say(
                out,
                format!(
                    "ok: {}: {} article(s), {} agenda item(s), {} quote(s) ({} unfiled)",
                    path.display(),
                    briefing.articles.len(),
                    briefing.agenda.len(),
                    briefing.quotes().count(),
                    briefing.unfiled.len()
                ),
            );
        }
        CliCommand::Export {
            briefing: path,
            output,
            paper,
        } => {
            let briefing = briefing_file::load(&path)?;
            export(&briefing, &output, paper)?;
            say(out, format!("wrote {}", output.display()));
            let unfiled = briefing.unfiled.len();
            if unfiled > 0 {
                say(
                    out,
                    format!(
                        "note: {unfiled} unfiled quote(s) are not in the PDF; file them under an \
                         agenda item to include them"
                    ),
                );
            }
        }
    }
    Ok(())
}

/// `briefing read`: the article as imported, notes on the import (a page taken whole because
/// no article was found in it) as warnings on stderr.
fn read(file: &Path, password: &str, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let imported = import::import_file_with_password(file, crate::model::ArticleId(1), password)?;
    for note in &imported.notes {
        eprintln!("briefing: warning: {note}");
    }
    out.write_all(import::reading_text(&imported.article).as_bytes())
        .map_err(|e| CliError::Message(format!("could not print the article: {e}")))
}

fn say(out: &mut dyn std::io::Write, line: impl std::fmt::Display) {
    // Printing the summary is best effort: the work is already done and saved.
    let _ = writeln!(out, "{line}");
}

fn apply(briefing: &mut Briefing, command: Command) -> Result<(), CliError> {
    command.apply(briefing)?;
    Ok(())
}

fn add_articles(
    briefing: &mut Briefing,
    files: &[PathBuf],
    password: &str,
) -> Result<usize, CliError> {
    for file in files {
        let imported =
            import::import_file_with_password(file, briefing.next_article_id(), password)?;
        for note in &imported.notes {
            eprintln!("briefing: warning: {note}");
        }
        let article = imported.article;
        if let Some(n) = briefing.same_article(&article) {
            return fail(format!(
                "{}: already in the briefing as article {} ({:?}); nothing was added",
                file.display(),
                n + 1,
                briefing.articles[n].title
            ));
        }
        apply(briefing, Command::AddArticle(usize::MAX, Box::new(article)))?;
    }
    Ok(files.len())
}

fn add_quotes(
    briefing: &mut Briefing,
    path: &Path,
    article: usize,
    texts: &[String],
    agenda: Option<String>,
    note: Option<String>,
    speaker: Option<String>,
) -> Result<(), CliError> {
    let count = briefing.articles.len();
    let Some(source) = article
        .checked_sub(1)
        .and_then(|i| briefing.articles.get(i))
    else {
        return fail(format!(
            "{}: --article {article}: the briefing has {count} article(s), numbered from 1",
            path.display()
        ));
    };
    let article_id = source.id;
    let mut found = Vec::with_capacity(texts.len());
    for text in texts {
        match text_search::find_unique(&source.text, text) {
            Found::Once(range) => found.push(range),
            Found::Missing => {
                return fail(format!(
                    "--text {:?}: not found in article {article} ({:?})",
                    abbreviate(text),
                    source.title
                ))
            }
            Found::Many(n) => {
                return fail(format!(
                    "--text {:?}: occurs {n} times in article {article}; quote a longer passage",
                    abbreviate(text)
                ))
            }
            Found::Empty => return fail("--text: the quote is empty"),
        }
    }
    let mut commands = Vec::new();
    let item_id = match agenda.as_deref().map(str::trim) {
        None => None,
        Some("") => return fail("--agenda: an agenda item needs a title"),
        Some(title) => Some(match briefing.item_by_title(title) {
            Some(item) => item.id,
            None => {
                let id = briefing.next_item_id();
                commands.push(Command::AddItem(
                    usize::MAX,
                    AgendaItem {
                        id,
                        title: title.to_owned(),
                        notes: None,
                        quotes: Vec::new(),
                    },
                ));
                id
            }
        }),
    };
    let picked_at = crate::clock::now_rfc3339();
    let first_id = briefing.next_quote_id().0;
    for (next, range) in (first_id..).zip(found) {
        let Some(mut quote) = Quote::from_range(
            crate::model::QuoteId(next),
            article_id,
            &source.text,
            range.start,
            range.end,
            picked_at.clone(),
        ) else {
            return fail("internal: a found quote is not on character boundaries");
        };
        quote.speaker = speaker
            .clone()
            .or_else(|| suggest::speaker_suggestion(source, range.start, range.end));
        quote.note = note.clone();
        let slot = Slot {
            item: item_id,
            index: usize::MAX,
        };
        commands.push(Command::AddQuote(slot, Box::new(quote)));
    }
    apply(briefing, Command::Batch(commands))
}

fn abbreviate(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

/// Prints `N<TAB>START..END<TAB>context` for each match; an error when there is none.
fn find_matches(
    briefing: &Briefing,
    query: &str,
    article: Option<usize>,
    exact: bool,
    options: find::FindOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let count = briefing.articles.len();
    let range = match article {
        None => 0..count,
        Some(n) if (1..=count).contains(&n) => n - 1..n,
        Some(n) => {
            return fail(format!(
                "--article {n}: the briefing has {count} article(s), numbered from 1"
            ))
        }
    };
    let folded = find::Query::new(query, options);
    if folded.is_empty() || query.trim().is_empty() {
        return fail("the query is empty (after ignoring spaces, harakat and tatweel)");
    }
    let mut found = 0;
    for n in range {
        let text = &briefing.articles[n].text;
        let hits = if exact {
            let mut hits = text_search::find_all_exact(text, query);
            if options.whole_word {
                let index = find::ArticleIndex::new(text);
                hits.retain(|r| index.is_word_boundary(r.start) && index.is_word_boundary(r.end));
            }
            hits
        } else {
            find::find(&find::ArticleIndex::new(text), &folded)
        };
        for r in hits {
            let line = find::context(text, r.clone(), 30).map_or(String::new(), |c| c.to_string());
            say(out, format!("{}\t{}..{}\t{line}", n + 1, r.start, r.end));
            found += 1;
        }
    }
    if found == 0 {
        let scope = match article {
            Some(n) => format!("article {n}"),
            None => format!("{count} article(s)"),
        };
        return fail(format!("no match for {:?} in {scope}", abbreviate(query)));
    }
    Ok(())
}

fn export(briefing: &Briefing, output: &Path, paper: Paper) -> Result<(), CliError> {
    let options = pdf::ExportOptions {
        paper: match paper {
            Paper::A4 => pdf::Paper::A4,
            Paper::Letter => pdf::Paper::Letter,
        },
    };
    pdf::export_to_file(briefing, output, &options, &mut |_| {})?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_fails_keeps_its_typed_error() {
        let mut briefing = Briefing::new("t");
        let missing = crate::model::ItemId(9);
        let err = apply(&mut briefing, Command::RemoveItem(missing)).unwrap_err();
        assert!(
            matches!(&err, CliError::Command(CommandError::Missing(what)) if *what == missing.to_string()),
            "{err:?}"
        );
        assert_eq!(err.to_string(), format!("{missing} is not in the briefing"));
    }
}
