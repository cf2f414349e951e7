"""Theme files: the shipped ones load, high-contrast reaches WCAG AAA, broken files are named, user themes
override; colour modes prepare the environment right. No Textual app here (see tests/ui/test_themes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfor_tui.io.package_data import bundled_folder
from kfor_tui.ui.terminal import ASCII, UNICODE, configure_colour, no_color_requested, to_ascii
from kfor_tui.ui.themes import contrast_ratio, load_themes, relative_luminance, user_themes_dir

SHIPPED = {
    "kfor-dark",
    "kfor-light",
    "high-contrast",
    "colour-blind-safe",
    "amber",
    "night",
    "terminal-dark",
    "terminal-light",
}


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_wcag_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#808080", "#808080") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic AA borderline
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_shipped_themes_load_without_errors() -> None:
    result = load_themes([bundled_folder("themes")])
    assert result.errors == []
    assert set(result.themes) == SHIPPED
    assert result.themes["terminal-dark"].ansi and result.themes["terminal-light"].ansi
    assert not result.themes["kfor-light"].dark
    for name, path in result.origins.items():
        assert path.stem == name  # one file per theme, named after it


def test_high_contrast_is_wcag_aaa() -> None:
    theme = load_themes([bundled_folder("themes")]).themes["high-contrast"]
    v = theme.variables
    assert theme.text_alpha == 1.0  # body text drawn at full strength, not blended towards the background
    backgrounds = [theme.background, theme.surface, theme.panel, theme.boost]
    texts = [
        theme.foreground,
        theme.primary,
        theme.secondary,
        theme.accent,
        theme.warning,
        theme.error,
        theme.success,
        v["text-muted"],
        v["foreground-muted"],
        v["footer-key-foreground"],
        v["footer-description-foreground"],
    ]
    for text in texts:
        for background in backgrounds:
            assert contrast_ratio(text, background) >= 7.0, (text, background)
    assert contrast_ratio(v["block-cursor-foreground"], v["block-cursor-background"]) >= 7.0
    assert contrast_ratio(v["block-cursor-blurred-foreground"], v["block-cursor-blurred-background"]) >= 7.0
    assert contrast_ratio(v["kfor-marking-foreground"], v["kfor-marking-background"]) >= 7.0


def test_colour_blind_safe_uses_okabe_ito() -> None:
    theme = load_themes([bundled_folder("themes")]).themes["colour-blind-safe"]
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert {theme.primary, theme.secondary, theme.accent, theme.warning, theme.error, theme.success} <= okabe_ito


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('name = "x"\nprimary = "#fff"\n[variables\n', "not valid TOML"),
        ('primary = "#ffffff"\n', "name: missing"),
        ('name = "broken"\nprimary = "bleu"\n', "primary: 'bleu' is not a colour"),
        ('name = "broken"\nprimary = "#fff"\nforground = "#000"\n', "forground: unknown field"),
        ('name = "broken"\nprimary = "#fff"\ndark = "yes"\n', "dark: expected bool"),
        (
            'name = "broken"\nprimary = "#fff"\n[variables]\nkfor-marking-foreground = "nope"\n',
            "variables.kfor-marking-foreground: 'nope' is not a colour",
        ),
        ('name = "Has Spaces"\nprimary = "#fff"\n', "name: 'Has Spaces' must be"),
        ('name = "noprimary"\n', "primary: missing"),
    ],
)
def test_broken_theme_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "broken.toml").write_text(text, encoding="utf-8")
    (folder / "good.toml").write_text('name = "good"\nprimary = "#123456"\n', encoding="utf-8")
    result = load_themes([folder])
    assert len(result.errors) == 1
    assert "broken.toml" in result.errors[0] and field in result.errors[0], result.errors[0]
    assert "good" in result.themes and "broken" not in result.themes


def test_user_themes_add_and_override(_private_config: Path) -> None:
    folder = user_themes_dir()
    assert folder == _private_config / "kfor-tui" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'name = "mine"\nprimary = "#ff00ff"\n[variables]\nkfor-marking-background = "$error"\n', encoding="utf-8"
    )
    (folder / "night.toml").write_text(
        'name = "night"\nprimary = "#ff0000"\nbackground = "#000000"\n', encoding="utf-8"
    )
    result = load_themes()
    assert result.errors == []
    assert result.themes["mine"].primary == "#ff00ff"
    assert result.themes["night"].primary == "#ff0000"  # the user's night replaces the shipped one
    assert result.origins["night"].parent == folder
    assert set(result.themes) >= SHIPPED


def test_colour_modes_prepare_the_environment() -> None:
    env: dict[str, str] = {"NO_COLOR": ""}
    assert configure_colour("auto", env) is False
    assert "NO_COLOR" not in env and "TEXTUAL_COLOR_SYSTEM" not in env  # empty NO_COLOR means unset
    env = {"NO_COLOR": "1"}
    assert configure_colour("auto", env) is True
    env = {}
    assert configure_colour("none", env) is True and env["NO_COLOR"] == "1"
    env = {"NO_COLOR": "1"}
    assert configure_colour("16", env) is False and env["TEXTUAL_COLOR_SYSTEM"] == "standard"
    assert "NO_COLOR" not in env  # an explicit depth turns colour back on
    for mode, system in (("256", "256"), ("truecolor", "truecolor")):
        env = {}
        configure_colour(mode, env)
        assert env["TEXTUAL_COLOR_SYSTEM"] == system
    with pytest.raises(ValueError, match="--color"):
        configure_colour("millions", {})
    assert no_color_requested({"NO_COLOR": "0"}) and not no_color_requested({"NO_COLOR": ""})


def test_glyph_tables() -> None:
    assert all(value.isascii() for value in ASCII.__dict__.values())
    assert set(ASCII.__dict__) == set(UNICODE.__dict__)
    assert to_ascii("\u256d\u2500\u256e\u2502\u2026\u25b6\u00ab\u00bb") == "+-+|~><>"
    assert to_ascii("Pri\u0161tin\u00eb") == "Pri\u0161tin\u00eb"  # letters are data, left alone
