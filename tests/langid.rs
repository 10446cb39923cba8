//! The real detector (embedded model + lingua) on sentences written for these tests.

use tilmech::config::DetectConfig;
use tilmech::detect::{Detector, LanguageIdentifier};
use tilmech::text::Lang;

fn detector() -> Detector {
    Detector::new(&DetectConfig::default()).expect("embedded model loads")
}

fn assert_lang(d: &Detector, lang: Lang, texts: &[&str]) {
    for t in texts {
        assert_eq!(d.identify(t).lang, lang, "{t}");
    }
}

#[test]
fn kyrgyz_survives_caps_lookalikes_typos_and_missing_letters() {
    let d = detector();
    assert_lang(
        &d,
        Lang::Ky,
        &[
            "Бүгүн Бишкекте жаңы мектеп ачылды жана окуучулар кубанышты.",
            "КЫРГЫЗСТАНДА ЖАҢЫ ӨКМӨТ ТҮЗҮЛДҮ",
            "Кыргызстанда жаӊы ѳкмѳт тузулду",
            "Бишкeктe жаңы мeктeп aчылды",
            "Бугун кун ысык болот деп кутулот, сууну коп ичкиле",
            "Балдар мектепке барышпады, анткени кар катуу жаады",
        ],
    );
}

#[test]
fn neighbours_are_told_apart() {
    let d = detector();
    assert_lang(
        &d,
        Lang::Kk,
        &["Қазақстанда жаңа үкімет құрылды және ол жұмысын бастады."],
    );
    assert_lang(
        &d,
        Lang::Ru,
        &[
            "ПРЕЗИДЕНТ ПОДПИСАЛ НОВЫЙ ЗАКОН О ШКОЛАХ",
            "Сегодня в Бишкеке хорошая погода.",
        ],
    );
    assert_lang(
        &d,
        Lang::Uk,
        &["Сьогодні в Києві гарна погода, і діти гуляють у парку."],
    );
    assert_lang(
        &d,
        Lang::En,
        &[
            "The weather in Bishkek is fine today.",
            "UNODC and the government signed it.",
        ],
    );
}

#[test]
fn weak_text_is_undetermined() {
    let d = detector();
    assert_lang(&d, Lang::Und, &["12:30", "—", "ок", "+996 312 90 67 45"]);
}
