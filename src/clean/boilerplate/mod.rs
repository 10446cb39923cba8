//! Boilerplate removal, the one place that decides what of a document's extracted text goes:
//! page furniture and link lists that HTML extraction marked, text outside the main content as
//! the main-content extractor judged it (`main_content.rs`), and — for every format — the line
//! rules: navigation, hotline banners, contact blocks, donor footers, cookie and copyright
//! notices (`lines.rs`, with the phrase lists of `phrases.rs`), runs of menu lines, page headers,
//! lists of other headlines and footer zones (`layout.rs`), and — strongest — repetition across
//! the documents of one batch, counted in a fixed-size sketch (`sketch.rs`). Evidence that
//! holds in Kyrgyz, Russian and English. Every dropped line is kept with its reason and the
//! place it starts, so that a user can audit it.

mod dates;
mod layout;
mod lines;
mod main_content;
mod phrases;
mod sketch;

pub use sketch::{BatchEvidence, LineCounts, LineEvidence};

use super::{Block, Extracted, Origin};
use crate::config::{Aggressiveness, BoilerplateConfig};
use crate::text::Lang;
use aho_corasick::AhoCorasick;

/// Why a line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    /// The line recurs in many documents of the batch.
    Repeated,
    /// A known navigation, banner or notice phrase ("Skip to content", "Горячая линия").
    Phrase,
    /// A donor, implementer or copyright statement.
    Notice,
    /// Contact details: phone, fax, e-mail, address, website.
    Contact,
    /// One of a run of short menu-like lines.
    Menu,
    /// A short line in the footer zone after the article.
    Footer,
    /// A line without words: times, scores, table numbers, separators.
    Symbols,
    /// An HTML element that is not content (nav, aside, footer, form, share and menu blocks).
    Markup,
    /// A list of other headlines: an HTML block that is mostly link text, or in plain text a
    /// short heading with three or more headline-like lines after the article.
    Links,
    /// Page text outside the main content, as the main-content extractor (trafilatura) judged.
    NotMain,
}

/// A dropped line.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
    /// Byte offset in the decoded text where the line starts.
    pub start: usize,
    /// Language of the dropped text (a Russian hotline banner on an English page is `ru`).
    pub lang: Lang,
}

/// The classifier, built once per run.
pub struct Boilerplate {
    config: BoilerplateConfig,
    /// Extra phrases of the config, as line keys.
    extra: Vec<String>,
    /// The phrase lists every line is searched for, each as one automaton (a search per
    /// phrase per line was a seventh of the stage).
    notices: AhoCorasick,
    donors: AhoCorasick,
    support: AhoCorasick,
}

/// A line of text with its place, as classified.
struct Line<'a> {
    text: &'a str,
    /// Index of its block.
    paragraph: usize,
    /// Byte offset in the decoded text.
    start: usize,
    reason: Option<Reason>,
    /// In how many documents of the batch the line occurs (0 without a batch). Read only by
    /// the repeat rule and `layout::keep_headline`: what `verdict_holds` checks.
    repeats: u32,
    /// Its [`crate::text::line_words`], counted on first need: the rules by place read it
    /// again and again, of some lines only.
    words: std::cell::OnceCell<usize>,
    /// Whether what stands right before it on the page was removed by extraction's judgement
    /// (furniture, a link list, text outside the main content): a menu the line rules no
    /// longer see still tells them where the page header ends.
    after_removed: bool,
}

impl Boilerplate {
    pub fn new(config: &BoilerplateConfig) -> Self {
        let automaton = |phrases: &[&str]| {
            AhoCorasick::new(phrases).expect("the built-in phrase lists make an automaton")
        };
        Boilerplate {
            extra: config.phrases.iter().map(|p| lines::key(p)).collect(),
            config: config.clone(),
            notices: automaton(phrases::NOTICE_PHRASES),
            donors: automaton(phrases::DONORS),
            support: automaton(phrases::SUPPORT_WORDS),
        }
    }

    /// The verdicts of extraction's judgement on a document's lines (see [`Judged`]).
    pub fn judge(&self, extracted: &Extracted) -> Judged {
        let mut lines = block_lines(&extracted.blocks);
        judge_lines(extracted, &mut lines);
        Judged(lines.iter().map(|l| l.reason).collect())
    }

    /// The lines of a document that count towards repetition across the batch: its text
    /// once furniture, link lists and text outside the main content are gone.
    pub fn countable_lines<'a>(&self, extracted: &'a Extracted, judged: &Judged) -> Vec<&'a str> {
        (judged_block_lines(extracted, judged).into_iter())
            .filter(|l| l.reason.is_none())
            .map(|l| l.text)
            .collect()
    }

    /// Drops the boilerplate of a document: the paragraphs kept and the lines removed, in the
    /// order of the text, and what the verdict drew from the batch. `counts` are the batch's
    /// line counts and its number of documents (absent for a document on its own).
    pub fn clean(
        &self,
        extracted: &Extracted,
        counts: Option<(&LineCounts, usize)>,
    ) -> (Vec<String>, Vec<Removed>, LineEvidence) {
        self.clean_judged(extracted, &self.judge(extracted), counts)
    }

    /// [`Self::clean`] with extraction's judgement already made (by [`Self::judge`] on the
    /// same extraction).
    pub fn clean_judged(
        &self,
        extracted: &Extracted,
        judged: &Judged,
        counts: Option<(&LineCounts, usize)>,
    ) -> (Vec<String>, Vec<Removed>, LineEvidence) {
        let (mut lines, mut removed) = judged_lines(extracted, judged);
        let prints: Vec<Option<u64>> = lines.iter().map(|l| sketch::fingerprint(l.text)).collect();
        let evidence = self.evidence(&prints, counts);
        self.apply_line_rules(&mut lines, &prints, counts);
        let (kept, dropped) = regroup(extracted.blocks.len(), lines);
        removed.extend(dropped);
        removed.sort_by_key(|r| r.start);
        (kept, removed, evidence)
    }

    /// Documents a line must occur in to be `repeated` in a batch of `docs`.
    fn repeat_min(&self, docs: usize) -> u32 {
        self.config
            .repeat_min_docs
            .max(((docs as f64) * self.config.repeat_min_share).ceil() as u32)
    }

    /// The fingerprints of the countable lines (`prints`, one per line) and, in a batch,
    /// their counts.
    fn evidence(
        &self,
        prints: &[Option<u64>],
        counts: Option<(&LineCounts, usize)>,
    ) -> LineEvidence {
        let fingerprints = sketch::distinct(prints.iter().flatten().copied());
        let batch = counts.map(|(c, docs)| BatchEvidence {
            repeat_min: self.repeat_min(docs),
            repeats: fingerprints.iter().map(|&f| c.estimate(f)).collect(),
        });
        LineEvidence {
            lines: fingerprints,
            batch,
        }
    }

    /// Whether a verdict drawn from `evidence` is the one this batch would give. Repetition
    /// reaches a verdict in two places only: a line is `repeated` when its count reaches the
    /// threshold, and `layout::keep_headline` keeps a repeated headline that recurs less than
    /// half as often as the page's most repeated line. The verdict holds when both come out
    /// the same for every line of the document.
    pub fn verdict_holds(
        &self,
        evidence: &LineEvidence,
        counts: Option<(&LineCounts, usize)>,
    ) -> bool {
        let then = evidence
            .batch
            .as_ref()
            .map(|b| (b.repeats.clone(), b.repeat_min));
        let now = counts.map(|(c, docs)| {
            let repeats = evidence.lines.iter().map(|&f| c.estimate(f)).collect();
            (repeats, self.repeat_min(docs))
        });
        let judged = |batch: Option<(Vec<u32>, u32)>| match batch {
            Some((repeats, min)) if repeats.len() == evidence.lines.len() => {
                repetition_verdicts(&repeats, min)
            }
            Some(_) => Vec::new(),
            None => vec![(false, false); evidence.lines.len()],
        };
        let before = judged(then);
        before.len() == evidence.lines.len() && before == judged(now)
    }

    /// The rules on the lines left (whose fingerprints are `prints`): each line on its own,
    /// then by their places.
    fn apply_line_rules(
        &self,
        lines: &mut [Line],
        prints: &[Option<u64>],
        counts: Option<(&LineCounts, usize)>,
    ) {
        let repeat_min = counts.map(|(_, docs)| self.repeat_min(docs));
        for (line, print) in lines.iter_mut().zip(prints) {
            crate::budget::check();
            line.repeats = match (counts, print) {
                (Some((c, _)), Some(f)) => c.estimate(*f),
                _ => 0,
            };
            line.reason = self.classify(line.text, line.repeats, repeat_min);
        }
        let normal = self.config.aggressiveness == Aggressiveness::Normal;
        if normal {
            layout::mark_menus(lines);
            layout::mark_footer(lines);
        }
        layout::keep_headline(lines);
        if normal {
            layout::mark_header(lines);
            layout::mark_headline_lists(lines);
        }
    }
}

impl Line<'_> {
    fn words(&self) -> usize {
        *self
            .words
            .get_or_init(|| crate::text::line_words(self.text))
    }

    fn removed(self) -> Removed {
        Removed {
            text: self.text.to_string(),
            reason: self.reason.unwrap_or(Reason::Markup),
            start: self.start,
            lang: Lang::Und,
        }
    }
}

/// Extraction's judgement on the lines of a document's blocks but furniture, in order: text
/// outside the main content and link lists. It needs no batch, so a run makes it once per
/// document: pass 1 counts the lines it leaves and keeps it for pass 2.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Judged(Vec<Option<Reason>>);

/// Marks text outside the extractor's main content, and link lists — unless the extractor
/// holds a line of prose of them in its main text (a paragraph of linked words, a list of
/// sources under an article), since it weighs link density within the article itself.
fn judge_lines(extracted: &Extracted, lines: &mut [Line<'_>]) {
    let link_lists: Vec<bool> = lines
        .iter()
        .map(|l| extracted.blocks[l.paragraph].origin == Origin::LinkList)
        .collect();
    if let Some(main) = &extracted.main {
        main_content::mark_not_main(lines, main);
    }
    for (line, link_list) in lines.iter_mut().zip(link_lists) {
        // A link that is not prose, even in the extractor's text, is a menu entry or another
        // page's headline (and its words may stand inside an article sentence: "the
        // President of ..."); without the extractor's text, every link list goes.
        let rescued =
            extracted.main.is_some() && line.reason.is_none() && layout::is_prose(line.text);
        if link_list && !rescued {
            line.reason = Some(Reason::Links);
        }
    }
}

/// The lines of the blocks but furniture, with the reasons `judged` gives them.
fn judged_block_lines<'a>(extracted: &'a Extracted, judged: &Judged) -> Vec<Line<'a>> {
    let mut lines = block_lines(&extracted.blocks);
    if judged.0.len() == lines.len() {
        for (line, &reason) in lines.iter_mut().zip(&judged.0) {
            line.reason = reason;
        }
    } else {
        // Not this extraction's judgement: judged again rather than misapplied.
        judge_lines(extracted, &mut lines);
    }
    lines
}

/// The lines left to the line rules, and what extraction's judgement removed: furniture
/// whole, and the lines `judged` marks.
fn judged_lines<'a>(extracted: &'a Extracted, judged: &Judged) -> (Vec<Line<'a>>, Vec<Removed>) {
    let mut removed: Vec<Removed> = extracted
        .blocks
        .iter()
        .filter(|b| b.origin == Origin::Furniture)
        .map(|b| Removed {
            text: b.text.clone(),
            reason: Reason::Markup,
            start: b.starts.first().copied().unwrap_or(0),
            lang: Lang::Und,
        })
        .collect();
    let mut lines = judged_block_lines(extracted, judged);
    let mut next = 0;
    let mut removed_before = false;
    for block in &extracted.blocks {
        if block.origin == Origin::Furniture {
            removed_before = true;
            continue;
        }
        let count = block.lines().count();
        for line in &mut lines[next..next + count] {
            line.after_removed = removed_before;
            removed_before = line.reason.is_some();
        }
        next += count;
    }
    let (judged, rest): (Vec<Line>, Vec<Line>) =
        lines.into_iter().partition(|l| l.reason.is_some());
    removed.extend(judged.into_iter().map(Line::removed));
    (rest, removed)
}

/// The lines of the text and link-list blocks, in order.
fn block_lines(blocks: &[Block]) -> Vec<Line<'_>> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.origin != Origin::Furniture)
        .flat_map(|(p, b)| {
            b.lines().map(move |(text, start)| Line {
                text,
                paragraph: p,
                start,
                reason: None,
                repeats: 0,
                words: std::cell::OnceCell::new(),
                after_removed: false,
            })
        })
        .collect()
}

/// Whether a line can be a document's headline: heading-like (two to fourteen words, not a
/// sentence, not a menu row) and not a dateline.
pub fn is_headline(line: &str) -> bool {
    crate::text::line_words(line) <= 14
        && layout::is_heading_like(line)
        && !dates::is_dateline(line)
}

/// Per line (by its count in the batch): whether it reaches the threshold, and whether it
/// recurs less than half as often as the most repeated line (what `keep_headline` asks).
fn repetition_verdicts(repeats: &[u32], repeat_min: u32) -> Vec<(bool, bool)> {
    let most = repeats.iter().copied().max().unwrap_or(0);
    repeats
        .iter()
        .map(|&r| {
            let repeated = r >= repeat_min;
            (repeated, repeated && r * 2 < most)
        })
        .collect()
}

/// Rebuilds paragraphs from classified lines: lines without a reason are kept, the others
/// listed as removed.
fn regroup(paragraphs: usize, lines: Vec<Line>) -> (Vec<String>, Vec<Removed>) {
    let mut kept: Vec<String> = vec![String::new(); paragraphs];
    let mut removed = Vec::new();
    for line in lines {
        if line.reason.is_some() {
            removed.push(line.removed());
            continue;
        }
        let p = &mut kept[line.paragraph];
        if !p.is_empty() {
            p.push('\n');
        }
        p.push_str(line.text);
    }
    kept.retain(|p| !p.is_empty());
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::dates::is_dateline;
    use super::lines::{has_phone_number, is_email};
    use crate::clean::split_paragraphs;

    fn extracted(text: &str) -> Extracted {
        Extracted {
            blocks: split_paragraphs(text),
            ..Default::default()
        }
    }

    /// A block of extracted lines; `page` places them.
    fn block(text: &str, origin: Origin) -> Block {
        Block {
            text: text.to_string(),
            origin,
            starts: Vec::new(),
        }
    }

    /// An HTML page's blocks, each line on a line of its own, with the extractor's main text.
    fn page(mut blocks: Vec<Block>, main: &str) -> (Vec<String>, Vec<(String, Reason)>) {
        let mut offset = 0;
        for b in &mut blocks {
            for line in b.text.lines() {
                b.starts.push(offset);
                offset += line.len() + 1;
            }
        }
        let extracted = Extracted {
            blocks,
            main: Some(crate::clean::MainContent {
                text: main.to_string(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let (kept, removed, _) =
            Boilerplate::new(&BoilerplateConfig::default()).clean(&extracted, None);
        (
            kept,
            removed.into_iter().map(|r| (r.text, r.reason)).collect(),
        )
    }

    #[test]
    fn the_extractor_decides_link_lists_and_where_the_page_header_ends() {
        let first =
            "The council approved the new budget for rural clinics on Monday after a long debate.";
        let second =
            "Clinics in three provinces will receive new equipment before the winter begins.";
        let source = "See the budget report of the council, published on its site on 3 March.";
        let other = "Other clinics open in Naryn and Talas";
        let main = [
            "Mountain Health Alliance",
            "Clinics get a new budget",
            first,
            source,
            other,
            second,
        ];
        let (kept, removed) = page(
            vec![
                block("Mountain Health Alliance", Origin::Text),
                block("Home\nAbout us\nDonate", Origin::Furniture),
                block("Clinics get a new budget", Origin::Text),
                block(first, Origin::Text),
                block(source, Origin::LinkList),
                block(other, Origin::LinkList),
                block(second, Origin::Text),
                block("Most read stories of the week", Origin::Text),
            ],
            &main.join("\n"),
        );
        assert_eq!(kept, ["Clinics get a new budget", first, source, second]);
        assert_eq!(
            removed,
            [
                ("Mountain Health Alliance".to_string(), Reason::Menu),
                ("Home\nAbout us\nDonate".to_string(), Reason::Markup),
                (other.to_string(), Reason::Links),
                ("Most read stories of the week".to_string(), Reason::NotMain),
            ]
        );
    }

    #[test]
    fn a_long_text_quoting_a_notice_is_not_a_notice() {
        let standard = format!(
            "{} Copyright (c) 2014 IETF Trust and the persons identified as the document \
             authors. All rights reserved. {}",
            "This document specifies a protocol for per-user storage on the web.".repeat(12),
            "Implementations must follow the rules of section two.".repeat(6)
        );
        let footer = "© 2024 Mountain Health Alliance. All rights reserved.";
        let (kept, removed) = clean(&format!("{standard}\n\n{footer}"));
        assert_eq!(kept, [standard]);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].reason, Reason::Notice);
    }

    #[test]
    fn a_paragraph_is_main_text_when_half_of_it_is() {
        let ours = "New Zealand is heavily dependent on international trade,[217] particularly in \
            agricultural products.[218] Exports account for 24% of its output,[143] making the \
            country vulnerable to international commodity prices.";
        let theirs = "New Zealand is heavily dependent on international trade, particularly in \
            agricultural products. Exports account for 24% of its output, making the country \
            vulnerable to international commodity prices.";
        let stray = "Exports account for 24% of its output, and so the sidebar ends here with its \
            own words about tourism, visas, flights and hotels in the south of the country.";
        let (kept, removed) = page(
            vec![block(ours, Origin::Text), block(stray, Origin::Text)],
            theirs,
        );
        assert_eq!(kept, [ours]);
        assert_eq!(removed, [(stray.to_string(), Reason::NotMain)]);
    }

    fn clean(text: &str) -> (Vec<String>, Vec<Removed>) {
        let (kept, removed, _) =
            Boilerplate::new(&BoilerplateConfig::default()).clean(&extracted(text), None);
        (kept, removed)
    }

    #[test]
    fn navigation_and_banners_go() {
        let text = "Skip to content\nA new stage in drug policy\n\nГорячая линия\n\nThe commission visited Bishkek in June.";
        let (kept, removed) = clean(text);
        assert_eq!(
            kept,
            vec![
                "A new stage in drug policy",
                "The commission visited Bishkek in June."
            ]
        );
        assert_eq!(removed[0].reason, Reason::Phrase);
        assert_eq!(
            (removed[1].text.as_str(), removed[1].start),
            ("Горячая линия", text.find("Горячая").unwrap())
        );
    }

    #[test]
    fn contact_and_donor_footer_go_but_dateline_stays() {
        let text = "Central Asian partners met\n\nBishkek, 25 April 2019\n\nTwenty-six partners took part in a two-day workshop on treatment.\n\nThe second day was spent on site visits to three centres.\n\nFor more information, please contact: Ms. A, by phone (996 770) 444 068 or e-mail: a@b.de\n\nThis project is implemented by:\n\nAddress: 96-6, Toktogul str.,\nBishkek, Kyrgyz Republic\nTel: +996 312 90 67 45\n\nThis project is funded\nby the European Union";
        let (kept, removed) = clean(text);
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert!(kept.contains(&"Bishkek, 25 April 2019".to_string()));
        let reasons: Vec<Reason> = removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::Contact,
                Reason::Notice,
                Reason::Contact,
                Reason::Footer,
                Reason::Contact,
                Reason::Footer,
                Reason::Footer
            ]
        );
    }

    #[test]
    fn phones_are_told_from_years_and_counts() {
        assert!(has_phone_number("Tel: +996 312 90 67 45"));
        assert!(has_phone_number("by phone (996 770) 444 068 or"));
        assert!(has_phone_number("0556 102 828"));
        assert!(!has_phone_number(
            "В 2009 году в городе проживало 92050 жителей."
        ));
        assert!(!has_phone_number("Абрамов (1917 -- 2005) -- поэт"));
        assert!(is_email("<a@b.kg>") && !is_email("@screened-15"));
        let (kept, _) = clean("@screened-15 спасибо вам!");
        assert_eq!(kept.len(), 1);
        let (kept, _) = clean("В 2009 году в городе проживало 92050 жителей.");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn menus_go_and_lists_of_sentences_stay() {
        let (kept, removed) = clean("Башкы бет\nЖаңылыктар\nСаясат\nЭкономика\nСпорт\n\nБүгүн Бишкекте жаңы мектеп ачылды.\n- Окуучулар кубанышты.\n- Мугалимдер да келишти.");
        assert_eq!(kept, vec!["Бүгүн Бишкекте жаңы мектеп ачылды.\n- Окуучулар кубанышты.\n- Мугалимдер да келишти."]);
        assert_eq!(removed.len(), 5);
    }

    #[test]
    fn single_page_furniture_goes_and_article_lists_stay() {
        let (kept, removed) = clean("Home | Who we are | Donate now\nБашкы бет / Коом\n\nЖаңы мектеп ачылды\n\nНарында жаңы мектеп ачылды, анда беш жүз окуучу окуйт.\n• Афганистан • Андорра • Австралия\n\nТеги: общество, Бишкек\nКаралды: 1 482\nПроект реализуется при финансовой поддержке Европейского союза.\nOffice: 14 Manas Avenue | +996 312 88 11 22 | info@mha.example.org");
        assert_eq!(
            kept,
            vec![
                "Жаңы мектеп ачылды",
                "Нарында жаңы мектеп ачылды, анда беш жүз окуучу окуйт.\n• Афганистан • Андорра • Австралия"
            ]
        );
        let reasons: Vec<Reason> = removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::Menu,
                Reason::Menu,
                Reason::Phrase,
                Reason::Phrase,
                Reason::Notice,
                Reason::Contact
            ]
        );
    }

    #[test]
    fn page_header_goes_only_above_furniture() {
        let (kept, removed) = clean("Mountain Health Alliance\nWorking for rural clinics since 2003\nHome | Who we are | Donate now\nNew clinic opens in Naryn\nPosted on 5 March 2024\nThe clinic will serve twelve villages of the valley from next week.");
        assert_eq!(
            kept,
            vec!["New clinic opens in Naryn\nThe clinic will serve twelve villages of the valley from next week."]
        );
        assert_eq!(removed.len(), 4);
        assert_eq!(removed[3].reason, Reason::Phrase, "the 'Posted on' line");
        // No furniture above: a title and an author line stay.
        let (kept, removed) =
            clean("Жамиля\nЧыңгыз Айтматов\nБул окуя согуш жылдарында болгон. Айыл тынч эле.");
        assert!(removed.is_empty(), "{removed:?}");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn lists_of_other_headlines_go_but_a_poem_amid_the_article_stays() {
        let article = "Бишкекте жаңы китепкана ачылды, анда балдар үчүн өзүнчө бөлүм бар жана ал жерде ар күнү кечинде окуу кечелери өтөт.";
        let related = "Окуңуз\nЖогорку Кеңештин депутаттары жаңы мыйзамды кабыл алышты\nОшто жаңы көпүрө курулуп бүттү\nНарында кар көчкү жолду жаап калды";
        let (kept, removed) = clean(&format!("{article}\n\n{related}"));
        assert_eq!(kept, vec![article]);
        assert!(removed.iter().all(|r| r.reason == Reason::Links));
        let poem = "Ала-Тоо\nАла-Тоонун бийик чокусу асманга тийип турат\nАк карлары күн нуруна жалтылдап жанат\nАкын ырын ошол тоого арнап жазат";
        let (kept, removed) = clean(&format!("{article}\n\n{poem}\n\n{article}"));
        assert!(removed.is_empty(), "{removed:?}");
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn datelines_are_told_from_other_short_lines() {
        for line in [
            "Bishkek, 25 April 2019",
            "Ош, 3 сентября.",
            "Бишкек, 12-март, 2024-жыл",
            "05.03.2024",
            "Нарын, 1-майда",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "Market report 2024",
            "Майор 5 роты",
            "Тел.: +996 312 66 30 30",
            "The 25 members met in March and decided to build three new clinics.",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn repeated_lines_go() {
        let counts = LineCounts::default();
        for _ in 0..5 {
            counts.add_document(
                ["Подпишитесь на наш канал в Telegram", "Уникальная строка"].into_iter(),
            );
        }
        let b = Boilerplate::new(&BoilerplateConfig::default());
        let page = extracted("Подпишитесь на наш канал в Telegram\n\nНовость дня о погоде в Оше.");
        let (kept, removed, _) = b.clean(&page, Some((&counts, 100)));
        assert_eq!(kept, vec!["Новость дня о погоде в Оше."]);
        assert_eq!(removed[0].reason, Reason::Repeated);
        let shouted = sketch::fingerprint("ПОДПИШИТЕСЬ на наш канал в telegram!").unwrap();
        assert_eq!(counts.estimate(shouted), 5);
    }
}
