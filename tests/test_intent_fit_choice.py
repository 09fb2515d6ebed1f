"""The intent fit's choice of C: the strongest penalty that is as good as the best, within a
tolerance (a weaker one that wins by a hair overfitted the writers it had seen)."""

from eval.security.intent_fit import C_TOLERANCE, choose_c


def test_a_weaker_penalty_must_win_by_more_than_the_tolerance() -> None:
    tried = [(8.0, 0.950, "a", "a"), (32.0, 0.960, "b", "b"),
             (128.0, 0.960 + C_TOLERANCE / 2, "c", "c")]
    assert choose_c(tried)[0] == 32.0


def test_a_clear_winner_is_chosen_whatever_its_penalty() -> None:
    tried = [(8.0, 0.90, "a", "a"), (32.0, 0.93, "b", "b"), (128.0, 0.96, "c", "c")]
    assert choose_c(tried)[0] == 128.0
