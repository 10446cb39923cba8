//! Rules that judge one line on its own: phrases, notices, contact details, wordless lines,
//! one-line menus and breadcrumbs, and repetition across the batch.

use super::dates::is_dateline;
use super::layout::is_prose;
use super::phrases::*;
use super::{Boilerplate, Reason};
use crate::config::Aggressiveness;

impl Boilerplate {
    /// The reason a line is boilerplate on its own (and by its repetition in the batch), if it
    /// is.
    pub(super) fn classify(
        &self,
        text: &str,
        repeats: u32,
        repeat_min: Option<u32>,
    ) -> Option<Reason> {
        let k = key(text);
        let words = crate::text::line_words(&k);
        if k.is_empty() {
            return None;
        }
        // A notice is a line or a short paragraph; a document holding one (a standard's
        // preformatted text quoting its copyright) is not.
        if words <= 150 && self.notices.is_match(&k) {
            return Some(Reason::Notice);
        }
        if self.config.aggressiveness == Aggressiveness::Normal
            && text
                .chars()
                .filter(|&c| crate::text::is_letter(c))
                .take(2)
                .count()
                < 2
        {
            return Some(Reason::Symbols);
        }
        if words <= 8
            && (NAV_PHRASES.contains(&k.as_str())
                || self.extra.iter().any(|p| {
                    k.strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                }))
        {
            return Some(Reason::Phrase);
        }
        if let Some(min) = repeat_min {
            // Datelines recur (digits do not count in the fingerprint) but belong to articles.
            if words <= 30 && repeats >= min && !is_dateline(text) {
                return Some(Reason::Repeated);
            }
        }
        if self.config.aggressiveness == Aggressiveness::Normal {
            if is_contact(&k, text) {
                return Some(Reason::Contact);
            }
            if words <= 40
                && self.donors.is_match(&k)
                && self.support.is_match(&k)
                && !k.contains(" said")
                && !k.contains(" заявил")
                && !k.contains(" деди")
            {
                return Some(Reason::Notice);
            }
            if words <= 12
                && (k.contains("cookie")
                    || k.contains("подписывайтесь")
                    || k.contains("подпишитесь")
                    || k.contains("жазылыңыз"))
            {
                return Some(Reason::Notice);
            }
            if words <= 10
                && FURNITURE_OPENINGS.iter().any(|o| {
                    k.strip_prefix(o)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '(']))
                })
                && !is_prose(text)
            {
                return Some(Reason::Phrase);
            }
            if is_menu_row(text) {
                return Some(Reason::Menu);
            }
        }
        None
    }
}

/// Lower case, Markdown and list markers trimmed, spaces collapsed, end punctuation dropped;
/// made in one pass (`key_by_its_steps` in the tests makes it step by step).
pub(super) fn key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    // std lower-cases a final Σ by its context: such a text is lower-cased whole first.
    if text.contains('Σ') {
        push_key(&mut key, crate::text::lowercase(text).chars());
    } else {
        push_key(&mut key, text.chars().flat_map(crate::text::to_lowercase));
    }
    let end = key.trim_end_matches(trimmed).len();
    key.truncate(end);
    key
}

/// Appends the lower-cased `chars` to `key` past the leading ones [`trimmed`] drops, each run
/// of white space as one space between what it separates.
fn push_key(key: &mut String, chars: impl Iterator<Item = char>) {
    let mut space = false;
    for c in chars.skip_while(|&c| trimmed(c)) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            key.push(' ');
            space = false;
        }
        key.push(c);
    }
}

/// What a key drops at either end.
fn trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '#' | '*' | '-' | '•' | '>' | '|' | '_' | ':' | '.' | '!' | '«' | '»' | '"' | '[' | ']'
        )
}

/// A line of contact details: opens with a contact word, or is mostly phones, e-mail
/// addresses and URLs.
fn is_contact(key: &str, raw: &str) -> bool {
    let tokens = || raw.split_whitespace();
    // Every address holds `@`, `:` (`://`, `](mailto:`) or `www.`: most lines hold none.
    let may_hold_address = raw.contains(['@', ':']) || raw.contains("www.");
    let addresses = if may_hold_address {
        (tokens())
            .filter(|t| {
                is_email(t) || t.contains("://") || t.starts_with("www.") || t.contains("](mailto:")
            })
            .count()
    } else {
        0
    };
    let phone = has_phone_number(raw);
    // "Tel.: …", "Адрес: …", "For more information, please contact: …", or a contact word with
    // the number or address on the line; "Телефон аркылуу кайрылышты." is a sentence.
    let opens = CONTACT_OPENINGS.iter().any(|o| {
        key.strip_prefix(o).is_some_and(|rest| {
            rest.is_empty()
                || (rest.starts_with([':', ' ', '.', ','])
                    && (raw.chars().take(40).any(|c| c == ':') || phone || addresses > 0))
        })
    });
    // Two kinds of contact detail on one line ("… | +996 312 … | info@…") make a contact block.
    let signals =
        usize::from(phone) + usize::from(addresses > 0) + usize::from(raw.contains(" тел."));
    if opens || (signals >= 2 && tokens().count() <= 25) {
        return true;
    }
    (addresses > 0 || phone)
        && tokens()
            .filter(|t| t.chars().any(crate::text::is_letter))
            .count()
            <= 6
}

/// A phone number: seven or more digits in three or more groups joined only by spaces,
/// dashes, dots or brackets ("+996 312 90 67 45", "(0312) 54 41 84"), or after a `+`. Years
/// ("1917 -- 2005") and counts ("92050 жителей") are not.
pub(super) fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut groups = 0;
    let mut in_group = false;
    let mut plus = false;
    for c in text.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            digits += 1;
            if !in_group {
                groups += 1;
                in_group = true;
            }
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{A0}') {
            in_group = false;
            plus |= c == '+';
        } else {
            if digits >= 7 && (groups >= 3 || plus) {
                return true;
            }
            (digits, groups, in_group, plus) = (0, 0, false, false);
        }
    }
    false
}

/// An e-mail address (a@b.kg), not a mention (@user).
pub(super) fn is_email(token: &str) -> bool {
    token.split_once('@').is_some_and(|(user, domain)| {
        !user
            .trim_start_matches(|c: char| !crate::text::is_word_char(c))
            .is_empty()
            && domain.contains('.')
    })
}

/// One line of menu items or breadcrumbs: two or more short items between separators
/// ("Home | About | Donate", "Башкы бет / Коом", "USD 87,45 · EUR 94,10").
fn is_menu_row(text: &str) -> bool {
    let items: Vec<&str> = text
        .split(['|', '·', '•'])
        .flat_map(|item| item.split(" / "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    // A line opening with a bullet is a list item of the text, not a menu.
    items.len() >= 2
        && !text.trim_start().starts_with(['•', '·'])
        && crate::text::line_words(text) <= 20
        // "Все братья / сёстры" is a headline; "Башкы бет / Коом" a breadcrumb.
        && (items.len() > 2
            || text.contains(['|', '·', '•'])
            || NAV_PHRASES.contains(&key(items[0]).as_str()))
        && items.len() > text.matches(['.', '!', '?']).count()
        && items
            .iter()
            .all(|item| crate::text::line_words(item) <= 4 && !is_prose(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key by its steps: lower-cased, trimmed, white space collapsed.
    fn key_by_its_steps(text: &str) -> String {
        let lower = crate::text::lowercase(text);
        crate::text::collapse_whitespace(lower.trim_matches(trimmed))
    }

    #[test]
    fn a_key_made_in_one_pass_is_the_key_made_by_its_steps() {
        // Letters (a final-sigma context, a capital of two lower-case characters), white
        // space of three kinds, and the marks trimmed at the ends and kept inside.
        let alphabet = [
            'A', 'я', 'Σ', 'İ', ' ', '\t', '\u{A0}', '#', '.', '»', '-', ',',
        ];
        for text in &crate::text::every_string(&alphabet, 5) {
            assert_eq!(key(text), key_by_its_steps(text), "{text:?}");
        }
    }
}
