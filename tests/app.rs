//! The app driven headlessly through egui_kittest: real pointer gestures on the reader and the
//! outline, found by their AccessKit labels, with assertions on the briefing.
#![cfg(feature = "gui")]

use briefing::app::{AppCommand, AppOptions, BriefingApp, FilePurpose, Settings, StartWith};
use briefing::model::{BlockKind, Briefing, ItemId};
use briefing::pdf::Paper;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

fn harness(start: StartWith) -> Harness<'static, BriefingApp> {
    let app = BriefingApp::new(AppOptions::default(), start, Settings::default());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(8)
        .with_context_setup(BriefingApp::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.ui(ui), app);
    settle(&mut h);
    h
}

fn settle(h: &mut Harness<'static, BriefingApp>) {
    h.run_steps(4);
}

/// Step the app until `done` says so (it sees the app after every step), for at most 10 s:
/// background work (export, import) reports back over frames.
fn wait_until(h: &mut Harness<'static, BriefingApp>, mut done: impl FnMut(&BriefingApp) -> bool) {
    for _ in 0..200 {
        h.step();
        if done(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A short Arabic statement, as a plain-text article.
const STATEMENT: &str = "بيان الوزارة\n\nأكد الوزير أن الحوار مستمر بين الطرفين منذ عام 2020.\n";

/// `STATEMENT` written to `dir/NAME`.
fn statement(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, STATEMENT).unwrap();
    path
}

fn briefing(h: &Harness<'static, BriefingApp>) -> Briefing {
    h.state().document().briefing().clone()
}

/// Screen positions of the logical start and end of `needle` in the first plain paragraph of
/// the reader, computed from the reader's own layout of that paragraph.
fn needle_positions(
    h: &Harness<'static, BriefingApp>,
    needle: &str,
) -> (Pos2, Pos2, std::ops::Range<usize>) {
    let app = h.state();
    let b = app.document().briefing();
    let article = &b.articles[0];
    let index = article
        .blocks
        .iter()
        .position(|bl| bl.kind == BlockKind::Paragraph)
        .expect("a paragraph");
    let block = &article.blocks[index];
    let para_text = article.block_text(block);
    let local = para_text.find(needle).expect("needle in paragraph");
    let (s, e) = (local, local + needle.len());
    let para = app.reader.paragraph(index).expect("paragraph laid out");
    let origin = app
        .reader
        .paragraph_origin(index)
        .expect("paragraph painted");
    let at = |byte: usize, is_end: bool| -> Pos2 {
        for line in para.lines() {
            for c in &line.clusters {
                let hit = if is_end {
                    c.text_range.end == byte
                } else {
                    c.text_range.start == byte
                };
                if hit {
                    // The logical start of an RTL cluster is its right edge, its end the left.
                    let x = match (c.rtl, is_end) {
                        (true, false) | (false, true) => c.x1,
                        (true, true) | (false, false) => c.x0,
                    };
                    let y = line.baseline - line.ascent * 0.4;
                    return origin + egui::vec2(x, y);
                }
            }
        }
        panic!("no cluster boundary at {byte}");
    };
    (at(s, false), at(e, true), block.start + s..block.start + e)
}

fn drag(h: &mut Harness<'static, BriefingApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=6 {
        let t = k as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    settle(h);
}

const NEEDLE: &str = "مبادرة إسطنبول للتعاون";

#[test]
fn drag_selects_exact_text_and_add_quote_files_it() {
    let mut h = harness(StartWith::Sample);
    h.get_by_label_contains("Reader");
    h.get_by_label("Outline");
    let (from, to, range) = needle_positions(&h, NEEDLE);
    drag(&mut h, from, to);
    assert_eq!(h.state().selected_text().as_deref(), Some(NEEDLE));
    assert_eq!(h.state().reader.selected_range(), Some(range.clone()));

    let before = briefing(&h);
    let first_item = before.agenda[0].id;
    h.get_by_label_contains("Add quote").click();
    settle(&mut h);
    let after = briefing(&h);
    let item = after.item(first_item).unwrap();
    let q = item.quotes.last().unwrap();
    assert_eq!(q.text, NEEDLE);
    assert_eq!((q.start, q.end), (range.start, range.end));
    assert_eq!(item.quotes.len(), before.agenda[0].quotes.len() + 1);
    // The outline shows it.
    h.get_by_label(&format!("Quote: {NEEDLE}"));
    assert!(h.state().document().dirty());
}

#[test]
fn drag_backwards_and_shortcut_adds_to_selected_item() {
    let mut h = harness(StartWith::Sample);
    let (from, to, _) = needle_positions(&h, NEEDLE);
    drag(&mut h, to, from);
    assert_eq!(h.state().selected_text().as_deref(), Some(NEEDLE));
    let target = briefing(&h).agenda[2].id;
    h.state_mut().outline.selected_item = Some(target);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    settle(&mut h);
    let b = briefing(&h);
    assert_eq!(b.item(target).unwrap().quotes.last().unwrap().text, NEEDLE);
}

/// What assistive technology reads (AccessKit's text ranges, which AT-SPI's Text interface
/// serves): a field's value and caret, and the reader's paragraphs and selection, as exact
/// source text in logical order.
#[test]
fn fields_and_the_reader_publish_their_text_and_selection() {
    use briefing::model::{Command, Field};
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    let title = "الملف النووي (IAEA) في 2026 والاتفاق";
    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(Command::SetField(Field::Title, Some(title.to_owned()))),
    );
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    settle(&mut h);
    {
        let field = h.get_by_role_and_label(Role::TextInput, "Title");
        let node = field.accesskit_node();
        assert!(node.supports_text_ranges(), "the field has text runs");
        assert_eq!(node.document_range().text(), title);
        let sel = node
            .text_selection()
            .expect("the focused field has a selection");
        // Shift+Right from the logical end of a right-to-left field selects the last unit.
        assert_eq!(sel.text(), "ق");
    }
    // A multi-paragraph note: its runs join with the line breaks.
    let note = "الفقرة الأولى\nSecond paragraph";
    let item = briefing(&h).agenda[0].id;
    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(Command::SetItemNotes(item, Some(note.to_owned()))),
    );
    settle(&mut h);
    {
        let field = h.get_by_role_and_label(Role::MultilineTextInput, "Agenda item 1 notes");
        assert_eq!(field.accesskit_node().document_range().text(), note);
    }

    // The reader: the document's text runs hold the paragraphs in view, in order, each
    // paragraph a node with its language; a drag's selection is the document's selection.
    let (from, to, _) = needle_positions(&h, NEEDLE);
    drag(&mut h, from, to);
    let doc = h.get_by_role(Role::Document);
    let node = doc.accesskit_node();
    assert!(node.supports_text_ranges(), "the reader has text runs");
    let text = node.document_range().text();
    let b = briefing(&h);
    let article = &b.articles[0];
    let first = article
        .blocks
        .iter()
        .find(|bl| bl.kind == BlockKind::Paragraph)
        .map(|bl| article.block_text(bl))
        .unwrap();
    assert!(text.contains(first), "the first paragraph is read whole");
    assert!(text.find(&article.title).unwrap() < text.find(first).unwrap());
    assert_eq!(
        node.text_selection().map(|r| r.text()).as_deref(),
        Some(NEEDLE)
    );
    let para = h.get_by_role_and_label(Role::Paragraph, first);
    assert_eq!(
        para.accesskit_node().data().language(),
        Some(article.language.as_str())
    );
}

fn centre(h: &Harness<'static, BriefingApp>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

#[test]
fn quotes_move_between_items_and_items_reorder_with_undo_redo() {
    let mut h = harness(StartWith::Sample);
    let s0 = briefing(&h);
    let moved = s0.agenda[0].quotes[0].clone();
    let target = s0.agenda[1].clone();

    // Drag the quote (by its text in the outline) onto the second agenda item's header.
    let from = h.get_by_label(&moved.text).rect().center();
    let to = h
        .get_by_label(&format!("Agenda item 2: {}", target.title))
        .rect()
        .left_top()
        + egui::vec2(60.0, 12.0);
    drag(&mut h, from, to);
    let s1 = briefing(&h);
    assert_eq!(
        s1.find_quote(moved.id).unwrap().0,
        Some(target.id),
        "quote moved to the item"
    );
    assert_eq!(s1.agenda[0].quotes.len(), s0.agenda[0].quotes.len() - 1);

    // Reorder: drag the second item's handle onto the first item (the third is below the
    // window's fold now that every item shows its notes field).
    let second = s1.agenda[1].clone();
    let from = centre(&h, &format!("Move agenda item 2: {}", second.title));
    let to = h
        .get_by_label(&format!("Agenda item 1: {}", s1.agenda[0].title))
        .rect()
        .left_top()
        + egui::vec2(60.0, 12.0);
    drag(&mut h, from, to);
    let s2 = briefing(&h);
    let order: Vec<ItemId> = s2.agenda.iter().map(|i| i.id).collect();
    assert_eq!(order, vec![second.id, s1.agenda[0].id, s1.agenda[2].id]);

    // Undo restores each state, redo replays them.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h), s1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h), s0);
    assert!(!h.state().document().can_undo());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h), s1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    settle(&mut h);
    assert_eq!(briefing(&h), s2);
}

#[test]
fn save_then_open_round_trips_through_commands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kuwait.ron");
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(briefing::model::Command::SetField(
            briefing::model::Field::Subtitle,
            Some("Edited".into()),
        )),
    );
    let edited = briefing(&h);
    h.state_mut().apply(&ctx, AppCommand::SaveAs(path.clone()));
    settle(&mut h);
    assert!(!h.state().document().dirty());
    assert!(h.state().window_title().contains("kuwait.ron"));
    assert_eq!(briefing::briefing_file::load(&path).unwrap(), edited);

    h.state_mut().apply(&ctx, AppCommand::NewBriefing);
    settle(&mut h);
    assert!(briefing(&h).articles.is_empty());
    h.state_mut().apply(&ctx, AppCommand::Open(path.clone()));
    settle(&mut h);
    assert_eq!(briefing(&h), edited);
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().settings.recent_files.first(), Some(&path));
}

#[test]
fn a_bad_file_opens_empty_with_the_error_and_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "Briefing(format_version: 1, title: ").unwrap();
    let h = harness(StartWith::File(path.clone()));
    let status = h.state().status().cloned().expect("an error");
    assert!(status.error, "{status:?}");
    assert!(status.text.contains("bad.ron"), "{}", status.text);
    assert!(briefing(&h).articles.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Briefing(format_version: 1, title: "
    );
}

#[test]
fn unsaved_changes_are_guarded_and_dialogs_fall_back_to_a_path_field() {
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, AppCommand::OpenDialog);
    settle(&mut h);
    assert_eq!(h.state().prompt_open(), Some(FilePurpose::Open));
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert_eq!(h.state().prompt_open(), None);

    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(briefing::model::Command::RemoveItem(ItemId(1))),
    );
    h.state_mut().apply(&ctx, AppCommand::NewBriefing);
    settle(&mut h);
    assert!(h.state().asking_to_save());
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(!h.state().asking_to_save());
    assert_eq!(briefing(&h).agenda.len(), 2, "nothing was discarded");
}

#[test]
fn export_reports_its_outcome_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, AppCommand::Export(path.clone()));
    wait_until(&mut h, |app| !app.exporting());
    assert!(!h.state().exporting());
    let status = h.state().status().cloned().unwrap();
    assert!(!status.error, "{}", status.text);
    assert!(std::fs::metadata(&path).unwrap().len() > 1000);
}

/// The width and height, in points, of the PDF at `path`'s page tree (pages inherit it).
fn page_size(path: &std::path::Path) -> (f32, f32) {
    let doc = lopdf::Document::load(path).expect("a readable PDF");
    let catalog = doc.catalog().expect("catalog");
    let pages = doc
        .get_dictionary(catalog.get(b"Pages").unwrap().as_reference().unwrap())
        .unwrap();
    let n: Vec<f32> = pages
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    (n[2] - n[0], n[3] - n[1])
}

#[test]
fn export_uses_the_paper_size_chosen_in_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    for (paper, name, size) in [
        (Paper::Letter, "letter.pdf", (612.0, 792.0)),
        (Paper::A4, "a4.pdf", (595.28, 841.89)),
    ] {
        let path = dir.path().join(name);
        h.state_mut().apply(&ctx, AppCommand::SetPaper(paper));
        assert_eq!(h.state().settings.paper, paper);
        h.state_mut().apply(&ctx, AppCommand::Export(path.clone()));
        wait_until(&mut h, |app| !app.exporting());
        let status = h.state().status().cloned().unwrap();
        assert!(!status.error, "{}", status.text);
        let (w, hgt) = page_size(&path);
        assert!(
            (w - size.0).abs() < 0.5 && (hgt - size.1).abs() < 0.5,
            "{name}: {w}x{hgt}"
        );
    }
}

#[test]
fn articles_are_imported_in_the_background_and_bad_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let good = statement(dir.path(), "statement.txt");
    let bad = dir.path().join("photo.txt");
    std::fs::write(&bad, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe]).unwrap();
    let mut h = harness(StartWith::Empty);
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        AppCommand::AddArticleFiles(vec![good.clone(), bad.clone()]),
    );
    wait_until(&mut h, |app| !app.importing());
    assert!(!h.state().importing());
    let b = briefing(&h);
    assert_eq!(b.articles.len(), 1);
    assert_eq!(b.articles[0].title, "بيان الوزارة");
    assert!(b.problems().is_empty(), "{:?}", b.problems());
    let status = h.state().status().cloned().unwrap();
    assert!(status.error, "{}", status.text);
    assert!(status.text.contains("photo.txt"), "{}", status.text);

    // The same article again is refused; another one gets the next id.
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "بيان ثان\n\nأعلنت الوزارة عن جولة جديدة من المحادثات.\n",
    )
    .unwrap();
    h.state_mut().apply(
        &ctx,
        AppCommand::AddArticleFiles(vec![good.clone(), other.clone()]),
    );
    let mut refused = false;
    wait_until(&mut h, |app| {
        refused |= app
            .status()
            .is_some_and(|s| s.error && s.text.contains("already"));
        !app.importing()
    });
    assert!(refused, "the same article twice was not refused");
    let b = briefing(&h);
    assert_eq!(b.articles.len(), 2);
    assert_ne!(b.articles[0].id, b.articles[1].id);
    assert!(b.problems().is_empty(), "{:?}", b.problems());
}

#[test]
fn an_arabic_field_is_edited_in_place_by_the_text_engine() {
    use briefing::model::{Command, Field};
    use egui::accesskit::Role;
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    let title = "الملف النووي";
    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(Command::SetField(Field::Title, Some(title.to_owned()))),
    );
    settle(&mut h);
    // One field, on the engine, before and while it is edited: named, holding its value.
    let field = h.get_by_role_and_label(Role::TextInput, "Title");
    assert!(!field.is_focused());
    assert_eq!(field.value().as_deref(), Some(title));
    field.click();
    settle(&mut h);
    let field = h.get_by_role_and_label(Role::TextInput, "Title");
    assert!(field.is_focused(), "a click gives the field the keyboard");
    // End goes to the logical end (the left edge of Arabic); Right moves right on screen,
    // which in Arabic is back towards the start: three presses, three letters back.
    h.key_press(Key::End);
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
    }
    h.event(egui::Event::Text("X".into()));
    settle(&mut h);
    let chars: Vec<char> = title.chars().collect();
    let k = chars.len() - 3;
    let want: String = chars[..k]
        .iter()
        .chain(['X'].iter())
        .chain(chars[k..].iter())
        .collect();
    assert_eq!(briefing(&h).title, want);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(egui::Event::Text(" 2026".into()));
    settle(&mut h);
    assert_eq!(briefing(&h).title, format!("{want} 2026"));
    // Ctrl+Z in the field undoes the burst of typing as one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h).title, title);
}

/// Typing letter after letter keeps only the shaped paragraphs the fields show: the old copies
/// of an edited paragraph are let go, not kept one per keystroke.
#[test]
fn typing_does_not_pile_up_shaped_paragraphs() {
    use egui::accesskit::Role;
    let mut h = harness(StartWith::Sample);
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    settle(&mut h);
    let before = h.state().field_paragraphs_held();
    let len = briefing(&h).title.chars().count();
    assert!(before > 0, "the fields' paragraphs are cached");
    for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().cycle().take(120) {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    settle(&mut h);
    assert_eq!(briefing(&h).title.chars().count(), len + 120);
    let after = h.state().field_paragraphs_held();
    assert!(
        after <= before + 4,
        "{after} paragraphs held after 120 keystrokes, {before} before"
    );
}

/// An input method's composition shows in the field without entering the briefing; its commit
/// is typed at the caret; the field tells the platform where the caret is.
#[test]
fn an_input_method_composes_then_commits_at_the_caret() {
    use egui::accesskit::Role;
    let mut h = harness(StartWith::Sample);
    let before = briefing(&h).title;
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    settle(&mut h);
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "ع".into(),
        active_range_chars: None,
    }));
    settle(&mut h);
    assert_eq!(briefing(&h).title, before, "a composition is not yet text");
    let ime = h.output().platform_output.ime;
    let ime = ime.expect("the focused field gives the platform its caret");
    let field = h.get_by_role_and_label(Role::TextInput, "Title").rect();
    assert!(
        field.contains(ime.cursor_rect.center()),
        "{ime:?} outside {field:?}"
    );
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("عربي".into())));
    settle(&mut h);
    assert_eq!(briefing(&h).title, format!("{before}عربي"));
}

/// A new agenda item opens with its title focused and empty, and typing names it.
#[test]
fn a_new_agenda_item_is_named_by_typing() {
    let mut h = harness(StartWith::Sample);
    let n = briefing(&h).agenda.len();
    h.get_by_label("+ Add item").click();
    settle(&mut h);
    let b = briefing(&h);
    assert_eq!(b.agenda.len(), n + 1);
    assert_eq!(b.agenda[n].title, "");
    h.event(egui::Event::Text("Maritime security".into()));
    settle(&mut h);
    assert_eq!(briefing(&h).agenda[n].title, "Maritime security");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h).agenda[n].title, "");
    assert_eq!(
        h.state().status().map(|s| s.text.as_str()),
        Some("Undone: rename agenda item")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(briefing(&h).agenda.len(), n);
    assert_eq!(
        h.state().status().map(|s| s.text.as_str()),
        Some("Undone: add agenda item"),
        "undoing an add says so"
    );
}

#[test]
fn quitting_while_articles_are_imported_waits_for_them_and_asks_to_save() {
    let dir = tempfile::tempdir().unwrap();
    // The article is a named pipe: its import cannot finish before the test writes the text
    // into it, so the quit always comes while the import is running.
    let file = dir.path().join("statement.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut h = harness(StartWith::Empty);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, AppCommand::AddArticleFiles(vec![file.clone()]));
    h.state_mut().apply(&ctx, AppCommand::Quit);
    assert!(h.state().importing());
    let status = h.state().status().cloned().unwrap();
    assert!(status.text.contains("Closing once"), "{}", status.text);
    // Frames go by: the window waits, neither closing nor asking yet.
    settle(&mut h);
    assert!(h.state().importing());
    assert!(!h.state().asking_to_save());
    // The article arrives (the write waits for the import to open the pipe).
    std::fs::write(&file, STATEMENT).unwrap();
    wait_until(&mut h, |app| !app.importing() && app.asking_to_save());
    // The article is in, and the unsaved briefing is not closed without asking.
    assert_eq!(briefing(&h).articles.len(), 1);
    assert!(h.state().asking_to_save());
}

#[test]
fn a_picked_quote_is_stamped_by_the_clock_the_cli_uses() {
    // SOURCE_DATE_EPOCH fixes the time a quote is picked, in the app as in the CLI. The
    // variable is set for a child run of this test alone, not changed under the other tests.
    const CHILD: &str = "BRIEFING_TEST_CLOCK_CHILD";
    if std::env::var_os(CHILD).is_none() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "a_picked_quote_is_stamped_by_the_clock_the_cli_uses",
                "--exact",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.contains("1 passed"),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let mut h = harness(StartWith::Sample);
    let (from, to, _) = needle_positions(&h, NEEDLE);
    drag(&mut h, from, to);
    assert_eq!(h.state().selected_text().as_deref(), Some(NEEDLE));
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, AppCommand::AddQuote(None));
    settle(&mut h);
    let b = briefing(&h);
    let q = b.quotes().find(|q| q.text == NEEDLE).expect("the quote");
    assert_eq!(q.picked_at, "2026-01-01T00:00:00Z");
}

/// Ctrl+F, a query typed with another alef form than the article's, the count and the
/// selection on each match, Enter / Shift+Enter, Escape, and the match filed as a quote.
#[test]
fn find_bar_finds_folded_matches_steps_through_them_and_a_match_becomes_a_quote() {
    use briefing::find::{find, ArticleIndex, FindOptions, Query};
    use egui::accesskit::Role;
    let mut h = harness(StartWith::Sample);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut h);
    assert!(h.state().find.open, "Ctrl+F opens the find bar");
    let field = h.get_by_role_and_label(Role::TextInput, "Find");
    assert!(field.is_focused(), "the keyboard is in the query");
    // «ألناتو» with hamza on the alef; the article writes «الناتو».
    h.event(egui::Event::Text("ألناتو".into()));
    settle(&mut h);

    let b = briefing(&h);
    let id = h.state().reader.article.expect("an article in the reader");
    let article = b.article(id).expect("the shown article");
    let want = find(
        &ArticleIndex::new(&article.text),
        &Query::new("الناتو", FindOptions::default()),
    );
    assert!(want.len() >= 3, "the sample names NATO several times");
    for r in &want {
        assert_eq!(&article.text[r.clone()], "الناتو");
    }
    let n = want.len();
    // The first match is shown at once: selected, and counted.
    assert_eq!(h.state().reader.selected_range(), Some(want[0].clone()));
    h.get_by_label(&format!("1 of {n}"));
    // Enter goes on, Shift+Enter back; the keyboard stays in the query.
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().reader.selected_range(), Some(want[1].clone()));
    h.get_by_label(&format!("2 of {n}"));
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().reader.selected_range(), Some(want[2].clone()));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().reader.selected_range(), Some(want[1].clone()));
    assert!(h
        .get_by_role_and_label(Role::TextInput, "Find")
        .is_focused());
    // Escape closes the bar; the match stays selected, and becomes a quote.
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(!h.state().find.open, "Escape closes the find bar");
    let before = b.quotes().count();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    settle(&mut h);
    let after = briefing(&h);
    assert_eq!(after.quotes().count(), before + 1);
    let added = after
        .quotes()
        .find(|q| q.article == id && q.start == want[1].start && q.end == want[1].end)
        .expect("the match filed as a quote");
    assert_eq!(added.text, "الناتو");
}

/// "All articles" lists every match with its article; choosing one opens that article with
/// the match selected.
#[test]
fn find_in_all_articles_lists_matches_and_opens_the_chosen_one() {
    use briefing::find::{find_in_briefing, BriefingIndex, FindOptions, Query};
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    let second = statement(dir.path(), "statement.txt");
    h.state_mut()
        .apply(&ctx, AppCommand::AddArticleFiles(vec![second]));
    wait_until(&mut h, |app| app.document().briefing().articles.len() == 2);
    let b = briefing(&h);
    assert_eq!(b.articles.len(), 2);
    // Start from the sample, so choosing the match has to open the other article.
    let first_id = b.articles[0].id;
    h.state_mut().reader.show_article(Some(first_id));
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut h);
    h.event(egui::Event::Text("الوزير".into()));
    settle(&mut h);
    h.get_by_label("All articles").click();
    settle(&mut h);
    let want = find_in_briefing(
        &BriefingIndex::new(&b),
        &Query::new("الوزير", FindOptions::default()),
    );
    let second_id = b.articles[1].id;
    let (i, m) = want
        .iter()
        .enumerate()
        .find(|(_, m)| m.article == second_id)
        .expect("a match in the statement");
    h.get_by_label(&format!("{} matches", want.len()));
    let row_name = format!("Match {} in ", i + 1);
    // The list scrolls; bring the row into view, as a person would, then click it.
    h.get_by_label_contains(&row_name).scroll_to_me();
    settle(&mut h);
    h.get_by_label_contains(&row_name).click();
    settle(&mut h);
    assert_eq!(h.state().reader.article, Some(second_id));
    assert_eq!(h.state().reader.selected_range(), Some(m.range.clone()));
}

/// With more matches than the list holds, the list shows a window around the current match
/// and says which part it is; stepping keeps the chosen match listed.
#[test]
fn a_long_list_of_matches_follows_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    let path = dir.path().join("many.txt");
    let body: Vec<String> = (0..620)
        .map(|i| format!("الفقرة {i}: أكد الوزير أن الحوار مستمر."))
        .collect();
    std::fs::write(&path, format!("بيانات\n\n{}\n", body.join("\n\n"))).unwrap();
    h.state_mut()
        .apply(&ctx, AppCommand::AddArticleFiles(vec![path]));
    wait_until(&mut h, |app| app.document().briefing().articles.len() == 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut h);
    h.event(egui::Event::Text("الحوار".into()));
    settle(&mut h);
    h.get_by_label("All articles").click();
    settle(&mut h);
    let total: usize = briefing(&h)
        .articles
        .iter()
        .map(|a| a.text.matches("الحوار").count())
        .sum();
    assert!(total > 620);
    h.get_by_label(&format!("Listing 1–500 of {total}"));
    assert!(h.query_by_label_contains("Match 501 in ").is_none());
    // Shift+F3 before any match is chosen goes to the last one.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    settle(&mut h);
    h.get_by_label(&format!("{total} of {total}"));
    h.get_by_label(&format!("Listing {}–{total} of {total}", total - 499));
    h.get_by_label_contains(&format!("Match {total} in "));
    assert!(h.query_by_label_contains("Match 1 in ").is_none());
}

/// The glyphs of a page at each height, in PDF points up from the bottom: (y, glyphs), highest
/// first, with heights less than 0.05 pt apart taken as one (the PDF writes two decimals).
fn glyphs_by_height(mut at: Vec<(f32, usize)>) -> Vec<(f32, usize)> {
    at.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<(f32, usize)> = Vec::new();
    for (y, n) in at {
        match out.last_mut() {
            Some(last) if (last.0 - y).abs() < 0.05 => last.1 += n,
            _ => out.push((y, n)),
        }
    }
    out
}

/// File > Preview draws the pages the export writes, from the exporter's own layout: as many
/// pages as the PDF has, and on the first page the same glyphs at the same heights; each of its
/// lines is a node with the line's text, for screen readers.
#[test]
fn the_preview_shows_the_pages_the_export_writes() {
    let mut h = harness(StartWith::Sample);
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label("Preview Ctrl+P").click();
    settle(&mut h);
    assert!(h.state().preview.open, "File > Preview opens the preview");
    // The pages are laid out on a worker thread.
    wait_until(&mut h, |app| app.preview.laid_out().is_some());
    settle(&mut h);

    let b = briefing(&h);
    let options = briefing::pdf::ExportOptions {
        paper: h.state().settings.paper,
    };
    let pdf = briefing::pdf::export_pdf(&b, &options, &mut |_| {}).expect("the sample exports");
    let doc = lopdf::Document::load_mem(&pdf).expect("the PDF parses");
    let pdf_pages = doc.get_pages();
    let pages = h
        .state()
        .preview
        .laid_out()
        .expect("the preview laid out")
        .clone();
    assert!(pdf_pages.len() > 1, "the sample has more than one page");
    assert_eq!(pages.pages.len(), pdf_pages.len(), "page count");
    // The toolbar says so (and so does the page's own footer).
    let said = format!("Page 1 of {}", pdf_pages.len());
    assert!(
        h.query_all_by_label(&said).count() >= 2,
        "{said:?} in the toolbar and the footer"
    );

    let first = &pages.pages[0];
    let mut labelled = 0;
    for placed in &first.lines {
        let text = pages.line_text(placed);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        assert!(
            h.query_all_by_label(text).next().is_some(),
            "the preview's line {text:?} is a node"
        );
        labelled += 1;
    }
    assert!(labelled > 10, "{labelled} lines on the first page");

    // The preview's glyphs of the first page, by height.
    let height = pages.geometry.height;
    let mut preview = Vec::new();
    for placed in &first.lines {
        let (_, line) = pages.line_of(placed).expect("a placed line");
        for run in &line.runs {
            for g in &run.glyphs {
                preview.push((height - (placed.offset + g.y), 1));
            }
        }
    }
    // The PDF's: each Tm sets the text position, each 2-byte code of a shown string is a glyph.
    let (_, &page_id) = pdf_pages.iter().next().expect("a first page");
    let content = doc
        .get_and_decode_page_content(page_id)
        .expect("the first page's content");
    let mut y = 0.0;
    let mut in_pdf = Vec::new();
    let number = |o: &lopdf::Object| o.as_float().expect("a number");
    for op in &content.operations {
        match op.operator.as_str() {
            "Tm" => y = number(&op.operands[5]),
            "Td" | "TD" => y += number(&op.operands[1]),
            "Tj" | "TJ" => {
                let shown: Vec<&lopdf::Object> = match &op.operands[0] {
                    lopdf::Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for item in shown {
                    if let lopdf::Object::String(bytes, _) = item {
                        in_pdf.push((y, bytes.len() / 2));
                    }
                }
            }
            _ => {}
        }
    }
    let (preview, in_pdf) = (glyphs_by_height(preview), glyphs_by_height(in_pdf));
    assert!(preview.len() > 10, "{} heights", preview.len());
    assert_eq!(
        preview.len(),
        in_pdf.len(),
        "heights: {preview:?} against {in_pdf:?}"
    );
    for (p, q) in preview.iter().zip(&in_pdf) {
        assert!(
            (p.0 - q.0).abs() < 0.05 && p.1 == q.1,
            "{p:?} against {q:?}"
        );
    }

    // Escape in a field leaves the field and keeps the preview; the next one closes it.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title")
        .click();
    settle(&mut h);
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(
        h.state().preview.open,
        "Escape leaving a field keeps the preview"
    );
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(!h.state().preview.open, "Escape closes the preview");
}

/// The preview follows the briefing: a change while it is open is laid out again (off the UI
/// thread) and shown, and the paper size too.
#[test]
fn the_preview_follows_edits_and_the_paper() {
    use briefing::model::{Command, Field};
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, AppCommand::Preview);
    wait_until(&mut h, |app| app.preview.laid_out().is_some());
    let title = |app: &BriefingApp| -> Vec<String> {
        let pages = app.preview.laid_out().expect("laid out");
        pages.pages[0]
            .lines
            .iter()
            .filter(|l| l.role == briefing::pages::Role::Title)
            .map(|l| pages.line_text(l))
            .collect()
    };
    assert!(
        title(h.state()).concat().contains("Istanbul"),
        "{:?}",
        title(h.state())
    );

    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(Command::SetField(
            Field::Title,
            Some("Weekly brief on the Gulf".to_owned()),
        )),
    );
    wait_until(&mut h, |app| {
        !app.preview.laying_out() && title(app).concat().contains("Weekly brief")
    });
    assert_eq!(title(h.state()).concat().trim(), "Weekly brief on the Gulf");
    settle(&mut h);
    assert!(
        h.query_all_by_label("Weekly brief on the Gulf")
            .next()
            .is_some(),
        "the preview shows the new title"
    );

    h.state_mut()
        .apply(&ctx, AppCommand::SetPaper(Paper::Letter));
    wait_until(&mut h, |app| {
        !app.preview.laying_out()
            && app
                .preview
                .laid_out()
                .is_some_and(|p| (p.geometry.height - 792.0).abs() < 0.01)
    });
    let pages = h.state().preview.laid_out().expect("laid out");
    assert!(
        (pages.geometry.width - 612.0).abs() < 0.01,
        "US Letter is 612 pt wide"
    );
}

/// A contents entry in the preview is a link, as in the PDF: a click shows its item's page.
#[test]
fn a_contents_entry_in_the_preview_goes_to_its_page() {
    use briefing::model::Command;
    let mut h = harness(StartWith::Sample);
    let ctx = h.ctx.clone();
    // A long note on the first item pushes the others onto later pages.
    let first = briefing(&h).agenda[0].id;
    let long = "A paragraph of background for the delegation, one of many.\n".repeat(120);
    h.state_mut().apply(
        &ctx,
        AppCommand::Edit(Command::SetItemNotes(first, Some(long))),
    );
    h.state_mut().apply(&ctx, AppCommand::Preview);
    wait_until(&mut h, |app| app.preview.laid_out().is_some());
    settle(&mut h);
    let pages = h.state().preview.laid_out().expect("laid out").clone();
    let target = pages.bookmarks.last().expect("bookmarks").page;
    assert!(target > 0, "the last item's heading is past the first page");
    assert_eq!(h.state().preview.page, 0);
    let label = format!("Page {} of {}", target + 1, pages.pages.len());
    h.query_all_by_label(&label)
        .next()
        .expect("a contents link to that page")
        .click();
    settle(&mut h);
    assert_eq!(
        h.state().preview.page,
        target,
        "the click showed the item's page"
    );
    assert!(
        h.query_all_by_label(&label).count() >= 2,
        "the toolbar and the page's footer say {label}"
    );
}
