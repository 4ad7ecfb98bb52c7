#!/usr/bin/python3
"""Drive the real `briefing` window as a person does: Xvfb, xdotool (mouse, Latin keys),
xclip (the system clipboard, and Arabic text, which xdotool cannot type reliably), and the
accessibility tree (AT-SPI, fed by AccessKit) to find widgets by their names and read values.

  dbus-run-session -- /usr/bin/python3 tests/window/drive.py BINARY WORKDIR

WORKDIR holds brief.ron (opened by the app and saved back by Ctrl+S). Each check prints one
line; the first failure prints FAIL and exits 1. Run by tests/window.rs.
"""
import os, subprocess, sys, time

BIN, WORK = sys.argv[1], sys.argv[2]
BRIEF = os.path.join(WORK, "brief.ron")
ARABIC_NOTE = "الملف النووي الإيراني"
ARABIC_PASTE = "مبادرة إسطنبول للتعاون"
procs = []


def log(*a):
    print(*a, flush=True)


def fail(msg):
    log("FAIL:", msg)
    shot("failure")
    raise SystemExit(1)


def run(*cmd, check=True, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()}")
    return r


def shot(name):
    if os.environ.get("DISPLAY"):
        subprocess.run(["import", "-window", "root", os.path.join(WORK, name + ".png")],
                       capture_output=True)


def start_display():
    r, w = os.pipe()
    procs.append(subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1400x900x24",
                                   "-nolisten", "tcp"], pass_fds=(w,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    os.close(w)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(r, 16)
        if not chunk:
            fail("Xvfb did not start")
        number += chunk
    os.environ["DISPLAY"] = ":" + number.decode().strip()
    for _ in range(100):
        if run("xdotool", "getmouselocation", check=False).returncode == 0:
            return
        time.sleep(0.1)
    fail("Xvfb did not answer")


def start_accessibility():
    procs.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1.0)
    run("dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply", "/org/a11y/bus",
        "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status", "string:IsEnabled",
        "variant:boolean:true")


app = None
wid = None


def focus_window():
    """There is no window manager under Xvfb: give the window the keyboard before each key."""
    if wid:
        run("xdotool", "windowfocus", "--sync", wid, check=False)


def start_app():
    global app, wid
    env = dict(os.environ)
    env["HOME"] = WORK
    env["XDG_CONFIG_HOME"] = os.path.join(WORK, "config")
    env["XDG_DATA_HOME"] = os.path.join(WORK, "data")
    env["XDG_CACHE_HOME"] = os.path.join(WORK, "cache")
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([BIN, BRIEF], env=env, stdout=open(os.path.join(WORK, "app.log"), "ab"),
                           stderr=subprocess.STDOUT)
    procs.append(app)
    for _ in range(300):
        r = run("xdotool", "search", "--name", "Briefing", check=False)
        if r.returncode == 0 and r.stdout.strip():
            wid = r.stdout.split()[0]
            time.sleep(2.0)
            focus_window()
            return wid
        time.sleep(0.1)
    fail("the window did not appear")


def stop_app():
    if app and app.poll() is None:
        app.kill()
        app.wait()


import pyatspi  # noqa: E402  (system python3 with python3-pyatspi)


def app_root():
    desk = pyatspi.Registry.getDesktop(0)
    for i in range(desk.childCount):
        a = desk.getChildAtIndex(i)
        if a is not None and a.childCount > 0:
            return a
    return None


def walk(node, out, depth=0):
    if node is None or depth > 60:
        return
    out.append(node)
    for i in range(node.childCount):
        try:
            walk(node.getChildAtIndex(i), out, depth + 1)
        except Exception:
            pass


def nodes():
    root = app_root()
    out = []
    if root is not None:
        walk(root, out)
    return out


def find(name, role=None, wait=5.0, gone=False, prefix=False):
    deadline = time.time() + wait
    while True:
        hit = None
        for n in nodes():
            try:
                named = n.name.startswith(name) if prefix else n.name == name
                if named and (role is None or n.getRoleName() == role):
                    hit = n
                    break
            except Exception:
                continue
        if gone and hit is None:
            return None
        if not gone and hit is not None:
            return hit
        if time.time() > deadline:
            if gone:
                fail(f"{name!r} is still there")
            names = sorted({f"{n.getRoleName()}:{n.name}" for n in nodes() if n.name})[:80]
            fail(f"no widget named {name!r}; the tree has {names}")
        time.sleep(0.2)


def saved():
    """Save with Ctrl+S, as a person does, and read the file back."""
    before = os.path.getmtime(BRIEF)
    key("ctrl+s")
    deadline = time.time() + 5
    while time.time() < deadline and os.path.getmtime(BRIEF) == before:
        time.sleep(0.1)
    time.sleep(0.2)
    return open(BRIEF, encoding="utf-8").read()


def holds(what, *wanted, absent=()):
    """The saved briefing (RON text) holds each of `wanted` and none of `absent`."""
    text = saved()
    for w in wanted:
        if w not in text:
            fail(f"{what}: the saved briefing lacks {w!r}")
    for w in absent:
        if w in text:
            fail(f"{what}: the saved briefing still holds {w!r}")

def centre(node):
    e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.x + e.width // 2, e.y + e.height // 2, e


def click(name, role=None, at=None):
    node = find(name, role)
    x, y, e = centre(node)
    if at is not None:
        x = e.x + int(e.width * at)
    if not (0 <= x < 1400 and 0 <= y < 880):
        fail(f"{name!r} is out of sight at ({x}, {y}); a person could not click it")
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.4)
    return node


def key(*keys):
    focus_window()
    for k in keys:
        run("xdotool", "key", "--delay", "60", k)
        time.sleep(0.12)
    time.sleep(0.3)


def type_latin(text):
    focus_window()
    run("xdotool", "type", "--delay", "60", text)
    time.sleep(0.4)


clip_proc = None


def put_clipboard(text, target=None):
    global clip_proc
    if clip_proc and clip_proc.poll() is None:
        clip_proc.kill()
    typed = ["-t", target] if target else []
    clip_proc = subprocess.Popen(["xclip", "-selection", "clipboard", *typed, "-i", "-quiet"],
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    clip_proc.stdin.write(text.encode())
    clip_proc.stdin.close()
    time.sleep(0.5)
    procs.append(clip_proc)


def get_clipboard():
    r = run("xclip", "-o", "-selection", "clipboard", check=False)
    return r.stdout if r.returncode == 0 else None


def main():
    start_display()
    start_accessibility()
    start_app()
    shot("start")

    # A cover field: click, select all, type.
    click("Title", "entry")
    key("ctrl+a")
    type_latin("Weekly brief")
    holds("Title", 'title: "Weekly brief"')
    log("ok: typed into the Title cover field")

    # Undo and redo from inside the field (the briefing's history).
    click("Title", "entry")
    key("ctrl+z")
    holds("undo", 'title: "Istanbul Cooperation Initiative — Kuwait meeting"')
    key("ctrl+shift+z")
    holds("redo", 'title: "Weekly brief"')
    log("ok: undo and redo of typing in a field")

    # AT-SPI's Text interface reads the field's value (the field's AccessKit text runs).
    title = find("Title", "entry")
    got = title.queryText().getText(0, -1)
    if got != "Weekly brief":
        fail(f"AT-SPI reads the Title field as {got!r}")
    log("ok: AT-SPI's Text interface reads the Title field's value")

    # Double-click a word selects it (typing replaces it); triple-click selects the field's
    # paragraph. The word's place comes from AT-SPI's character extents.
    cx, cy, cw, ch = title.queryText().getCharacterExtents(2, pyatspi.DESKTOP_COORDS)
    if cw <= 0 or ch <= 0:
        fail(f"AT-SPI gives no extents for a character of the Title field: {(cx, cy, cw, ch)}")
    run("xdotool", "mousemove", str(cx + cw // 2), str(cy + ch // 2))
    time.sleep(0.2)
    run("xdotool", "click", "--repeat", "2", "--delay", "90", "1")
    time.sleep(0.4)
    type_latin("Monthly")
    holds("double-click", 'title: "Monthly brief"')
    run("xdotool", "click", "--repeat", "3", "--delay", "90", "1")
    time.sleep(0.4)
    type_latin("Weekly brief")
    holds("triple-click", 'title: "Weekly brief"')
    log("ok: double-click selects a word and triple-click the whole field")

    # Tab and Shift+Tab move between fields; Escape leaves a field.
    key("Tab")
    subtitle = find("Subtitle", "entry")
    if not subtitle.getState().contains(pyatspi.STATE_FOCUSED):
        fail("Tab from the Title did not reach the Subtitle")
    type_latin(" (tabbed)")
    holds("tab", 'subtitle: Some("Background for the delegation (tabbed)")')
    key("shift+Tab")
    if not find("Title", "entry").getState().contains(pyatspi.STATE_FOCUSED):
        fail("Shift+Tab from the Subtitle did not come back to the Title")
    key("Escape")
    time.sleep(0.3)
    if find("Title", "entry").getState().contains(pyatspi.STATE_FOCUSED):
        fail("Escape did not leave the Title field")
    log("ok: Tab and Shift+Tab move between fields, Escape leaves one")

    # An agenda item's title.
    click("Agenda item 1 title", "entry")
    key("ctrl+End")
    type_latin(" (updated)")
    holds("agenda title", "Kuwait's role in the Istanbul Cooperation Initiative (updated)")
    log("ok: typed into an agenda item's title")

    # A quote's speaker and note.
    click("Quote 1 speaker", "entry")
    key("ctrl+a")
    type_latin("H.E. Sheikh Jarrah")
    holds("speaker", 'speaker: Some("H.E. Sheikh Jarrah")')
    click("Quote 1 note")
    type_latin("Check the date")
    holds("quote note", 'note: Some("Check the date")')
    log("ok: typed into a quote's speaker and note")

    # Arabic through the clipboard into an agenda item's notes; then caret moves visually.
    click("Agenda item 2 notes")
    put_clipboard(ARABIC_NOTE)
    key("ctrl+v")
    holds("pasted note", f'notes: Some("{ARABIC_NOTE}")')
    log("ok: Arabic pasted from the system clipboard into a note")
    key("End", "Right", "Right", "Right")
    type_latin("X")
    want = ARABIC_NOTE[:-3] + "X" + ARABIC_NOTE[-3:]
    holds("caret in Arabic", f'notes: Some("{want}")')
    log("ok: after End, Right x3 puts the caret three letters before the end of Arabic text")
    note = find("Agenda item 2 notes").queryText()
    if note.getText(0, -1) != want:
        fail(f"AT-SPI reads the note as {note.getText(0, -1)!r}")
    if note.caretOffset != note.characterCount - 3:
        fail(f"AT-SPI puts the caret at {note.caretOffset} of {note.characterCount}")
    log("ok: AT-SPI reads the Arabic note and its caret, three letters before the end")
    key("BackSpace")
    holds("backspace", f'notes: Some("{ARABIC_NOTE}")')
    key("Home", "Left")
    type_latin("Y")
    holds("Left from the start of Arabic", f'notes: Some("{ARABIC_NOTE[:1] + "Y" + ARABIC_NOTE[1:]}")')
    key("BackSpace")
    shot("arabic-note")

    # Copy out of a field onto the system clipboard.
    key("ctrl+a", "ctrl+c")
    got = get_clipboard()
    if got != ARABIC_NOTE:
        fail(f"Ctrl+C in a field put {got!r} on the clipboard")
    log("ok: Ctrl+C in a field fills the system clipboard")
    key("Escape")

    # A new agenda item: its title is focused and empty.
    before = sum(1 for n in nodes() if n.name.startswith("Agenda item ") and n.name.endswith(" title"))
    click("+ Add item", "push button")
    new_name = f"Agenda item {before + 1} title"
    find(new_name, "entry")
    type_latin("Maritime security")
    holds("new item", 'title: "Maritime security"', absent=["New agenda item"])
    key("Escape")
    log("ok: a new agenda item opens with its title focused and empty")

    # Delete it with its x button; undo brings it back.
    click(f"Delete agenda item {before + 1}", "push button")
    find(new_name, gone=True)
    log("ok: the x button deletes an agenda item")
    key("ctrl+z")
    find(new_name, "entry")
    holds("undo delete", 'title: "Maritime security"')
    click(f"Delete agenda item {before + 1}", "push button")
    find(new_name, gone=True)

    # Remove a quote with its x button.
    quotes = sum(1 for n in nodes() if n.name.startswith("Quote ") and n.name.endswith(" speaker"))
    click(f"Remove quote {quotes}", "push button")
    find(f"Quote {quotes} speaker", gone=True)
    log("ok: the x button removes a quote")

    # Select in the reader and copy: the clipboard holds exact source text.
    # Drag across the first paragraph of the article, from near its right end to near its
    # left end (it is Arabic), with pauses a hand would make.
    para = find("أكد", "paragraph", prefix=True)
    x, y, e = centre(para)
    top = e.y + 12
    run("xdotool", "mousemove", str(e.x + e.width - 8), str(top))
    time.sleep(0.3)
    run("xdotool", "mousedown", "1")
    time.sleep(0.3)
    for k in range(1, 9):
        run("xdotool", "mousemove", str(e.x + e.width - 8 - (e.width - 16) * k // 8), str(top + 30 * k // 8))
        time.sleep(0.08)
    time.sleep(0.2)
    run("xdotool", "mouseup", "1")
    time.sleep(0.5)
    key("ctrl+c")
    got = get_clipboard()
    article = open(os.path.join(WORK, "article.txt"), encoding="utf-8").read()
    if not got or len(got) < 10 or got not in article:
        fail(f"Ctrl+C in the reader put {got!r} on the clipboard, not a passage of the article")
    log(f"ok: a drag selection in the reader copies {len(got)} bytes of exact source text")
    doc = find("Reader", "document frame", prefix=True).queryText()
    if doc.getNSelections() != 1:
        fail(f"AT-SPI sees {doc.getNSelections()} selections in the reader")
    s0, s1 = doc.getSelection(0)
    if doc.getText(s0, s1) != got:
        fail(f"AT-SPI reads the reader's selection as {doc.getText(s0, s1)!r}, not {got!r}")
    if para.name not in doc.getText(0, -1):
        fail("AT-SPI's text of the reader lacks the paragraph in view")
    log("ok: AT-SPI reads the reader's text and its selection, the bytes Ctrl+C copied")
    shot("reader-selection")

    # Remove an article with its x button.
    arts = sum(1 for n in nodes() if n.name.startswith("Remove article "))
    click(f"Remove article {arts}", "push button")
    find(f"Remove article {arts}", gone=True)
    key("ctrl+z")
    find(f"Remove article {arts}", "push button")
    log("ok: the x button removes an article, undo restores it")

    # Find: Ctrl+F, a query pasted in Arabic with another alef form, the count, Enter moves
    # on, Escape closes, and the match becomes a quote with Ctrl+Q.
    key("ctrl+f")
    find("Find")
    put_clipboard("ألناتو")
    key("ctrl+v")
    counted = find("1 of ", "label", prefix=True, wait=8)
    total = counted.name.split(" of ")[1]
    if int(total) < 2:
        fail(f"find counted {counted.name!r}; the sample names NATO several times")
    key("Return")
    find(f"2 of {total}", "label")
    log(f"ok: Ctrl+F finds «ألناتو» as «الناتو»: {counted.name}, Enter moves to the next")
    key("shift+F3")
    find(f"1 of {total}", "label")
    log("ok: Shift+F3 goes back to the previous match")
    # All articles: every match listed with its line of context; a click on a row shows it.
    click("All articles")
    row = find("Match 2 in ", "push button", prefix=True)
    x, y, e = centre(row)
    if not (0 <= y < 880):
        fail(f"the second match's row is out of sight at y={y}")
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.5)
    find(f"2 of {total}", "label")
    log("ok: All articles lists the matches with context, and a click on a row shows that match")
    shot("find")
    key("Escape")
    find(f"2 of {total}", "label", gone=True)
    key("ctrl+q")
    holds("find", 'text: "الناتو"')
    log("ok: Escape closes the find bar and Ctrl+Q files the match as a quote")

    # Copy with citation (the Cite button): plain text and HTML on the system clipboard.
    cites = [n.name for n in nodes() if n.name.startswith("Copy quote ")]
    if not cites:
        fail("no Cite button on the outline's quotes")
    click(cites[0], "push button")
    time.sleep(0.5)
    plain = get_clipboard() or ""
    html = run("xclip", "-o", "-selection", "clipboard", "-t", "text/html", check=False).stdout
    if "«" not in plain or "—" not in plain:
        fail(f"Cite put {plain!r} on the clipboard, not a quote with its citation")
    if "<blockquote" not in html or 'dir="rtl"' not in html:
        fail(f"Cite's HTML flavour is {html!r}")
    log("ok: Cite copies the quote with its citation, as text and as HTML")

    # Paste as article: Ctrl+V outside a field adds the clipboard's text as an article.
    arts = sum(1 for n in nodes() if n.name.startswith("Remove article "))
    put_clipboard("بيان صحفي\n\nأكد المتحدث أن المشاورات ستستمر الأسبوع المقبل.\n")
    para = find("أكد", "paragraph", prefix=True)
    x, y, e = centre(para)
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.4)
    key("ctrl+v")
    find(f"Remove article {arts + 1}", "push button", wait=8)
    holds("paste as article", "أكد المتحدث أن المشاورات ستستمر")
    log("ok: Ctrl+V outside a field adds the clipboard as a new article")

    # A PDF statement: File > Add Article…, its path typed where no file dialog is available;
    # it comes in read in order, pages kept, and a match of the find bar in it becomes a quote.
    arts = sum(1 for n in nodes() if n.name.startswith("Remove article "))
    click("File")
    click("Add Article… ")
    find("Path", "entry", wait=8)
    type_latin(os.path.join(WORK, "statement.pdf"))
    key("Return")
    find(f"Remove article {arts + 1}", "push button", wait=20)
    holds("the PDF article", "شدد الوزراء على أن أمن الملاحة في مضيق هرمز", "PageStart(")
    shot("pdf-article")
    key("ctrl+f")
    find("Find")
    put_clipboard("مضيق هرمز")
    key("ctrl+a")
    key("ctrl+v")
    find("1 of 1", "label", wait=8)
    key("Escape")
    find("1 of 1", "label", gone=True)
    key("ctrl+q")
    holds("the PDF quote", 'text: "مضيق هرمز"')
    log("ok: a PDF added with File > Add Article… reads in order with its pages, and a find "
        "match in it is filed as a quote")

    # A PDF copied in a file manager (offered as text/uri-list), pasted as an article.
    arts = sum(1 for n in nodes() if n.name.startswith("Remove article "))
    put_clipboard("file://" + os.path.join(WORK, "bayaniyeh.pdf") + "\r\n", "text/uri-list")
    click("File")
    click("Paste as Article Ctrl+V")
    find(f"Remove article {arts + 1}", "push button", wait=20)
    holds("the pasted PDF", "سخنگوی وزارت امور خارجه روز سه‌شنبه")
    log("ok: a PDF file copied in a file manager is pasted as an article")

    # An encrypted PDF: Add Article… asks for its password; a wrong one is said so and asked
    # again, the right one brings the article in.
    arts = sum(1 for n in nodes() if n.name.startswith("Remove article "))
    click("File")
    click("Add Article… ")
    find("Path", "entry", wait=8)
    type_latin(os.path.join(WORK, "protected.pdf"))
    key("Return")
    find("protected.pdf is protected by a password", "label", prefix=True, wait=20)
    type_latin("wrong")
    key("Return")
    find("That password does not open protected.pdf", "label", prefix=True, wait=20)
    shot("pdf-password")
    type_latin("briefing")
    key("Return")
    find(f"Remove article {arts + 1}", "push button", wait=20)
    holds("the encrypted PDF", "הודעת משרד החוץ על ביקור המשלחת באירופה")
    log("ok: an encrypted PDF asks for its password, says when it is wrong, and opens with "
        "the right one")

    # File > Preview: the pages as they will be exported, paged with Page Down and the
    # Previous page button, each line a node with its text; Escape closes it.
    click("File")
    click("Preview Ctrl+P")
    shown = find("Page 1 of ", "label", prefix=True, wait=8)
    total = int(shown.name.split(" of ")[1])
    find("Contents", "label")
    if total > 1:
        key("Next")
        find(f"Page 2 of {total}", "label")
        click("Previous page", "push button")
        find(f"Page 1 of {total}", "label")
    shot("preview")
    key("Escape")
    find("Previous page", gone=True)
    log(f"ok: File > Preview shows page 1 of {total} with its lines; Page Down and Previous "
        "page move between pages; Escape closes it")

    # A long note on the first item (pasted, then undone) pushes the later items onto the
    # next page; Ctrl+P opens the preview again and the last contents entry, a link, shows
    # that page. Escape in a field leaves the field and keeps the preview; the next closes it.
    click("Agenda item 1 notes", "entry")
    key("ctrl+End")
    put_clipboard("\n" + "\n".join(["A paragraph of background for the delegation."] * 90))
    key("ctrl+v")
    key("Escape")
    key("ctrl+p")
    shown = find("Page 1 of ", "label", prefix=True, wait=8)
    total = int(shown.name.split(" of ")[1])
    links = [n for n in nodes() if n.getRoleName() == "link" and n.name.startswith("Page ")
             and not n.name.startswith("Page 1 of")]
    if not links:
        fail(f"no contents link past page 1 in a preview of {total} pages")
    target = links[-1].name
    x, y, e = centre(links[-1])
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.5)
    find(target, "label")
    log(f"ok: Ctrl+P opens the preview and a click on a contents entry shows {target}")
    click("Title", "entry")
    key("Escape")
    find("Previous page", "push button")
    key("Escape")
    find("Previous page", gone=True)
    key("ctrl+z")
    holds("undoing the long note", absent=("A paragraph of background",))
    log("ok: Escape in a field keeps the preview, the next Escape closes it; Ctrl+Z takes "
        "the long note back")

    # Save, quit, reopen: the text is there.
    key("ctrl+s")
    time.sleep(1.0)
    stop_app()
    saved = open(BRIEF, encoding="utf-8").read()
    for want in ["Weekly brief", "H.E. Sheikh Jarrah", "Check the date", ARABIC_NOTE, "(updated)"]:
        if want not in saved:
            fail(f"the saved briefing lacks {want!r}")
    start_app()
    find("Agenda item 2 notes")
    holds("reopened", 'title: "Weekly brief"', f'notes: Some("{ARABIC_NOTE}")')
    log("ok: saved with Ctrl+S and reopened with the text in place")
    shot("reopened")
    stop_app()
    log("PASS")


try:
    main()
finally:
    for p in reversed(procs):
        try:
            p.kill()
        except Exception:
            pass
