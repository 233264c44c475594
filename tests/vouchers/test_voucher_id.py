"""R-VOU-4: ids without look-alike characters and with a check character that catches typos."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planserv.vouchers import voucher_id
from planserv.vouchers.voucher_id import ALPHABET, InvalidVoucherId

LOOK_ALIKES = set("0OQD1IL2Z5SG8BUVY")


def test_alphabet_has_no_look_alike_characters():
    assert not LOOK_ALIKES & set(ALPHABET)


def test_generated_ids_parse_back_and_display_in_groups():
    canonical = voucher_id.generate()
    shown = voucher_id.display(canonical)
    assert len(canonical) == 9 and shown.count("-") == 2
    assert voucher_id.parse(shown) == canonical
    assert voucher_id.parse(f"  {shown.lower()} ") == canonical


bodies = st.text(alphabet=ALPHABET, min_size=8, max_size=8)


@given(body=bodies, position=st.integers(0, 8), shift=st.integers(1, len(ALPHABET) - 1))
def test_every_single_character_typo_is_refused_as_invalid(body, position, shift):
    canonical = body + voucher_id._check_character(body)
    # Every other character of the alphabet in every position, the check character included.
    replacement = ALPHABET[(ALPHABET.index(canonical[position]) + shift) % len(ALPHABET)]
    typo = canonical[:position] + replacement + canonical[position + 1 :]
    assert typo != canonical
    with pytest.raises(InvalidVoucherId):
        voucher_id.parse(typo)


@given(body=bodies, position=st.integers(0, 7))
def test_every_adjacent_swap_is_refused_as_invalid(body, position):
    canonical = body + voucher_id._check_character(body)
    swapped = (
        canonical[:position]
        + canonical[position + 1]
        + canonical[position]
        + canonical[position + 2 :]
    )
    if swapped == canonical:  # two equal characters: the swap is no typo, the id stays valid
        assert voucher_id.parse(swapped) == canonical
    else:
        with pytest.raises(InvalidVoucherId):
            voucher_id.parse(swapped)


@pytest.mark.parametrize(
    "text", ["", "ABC", "7KXR-4MWA-9X", "0000-0000-0", "GGGG-GGGG-G", "<script>", "7KXR 4MW"]
)
def test_malformed_ids_get_a_sentence_naming_the_rule(text):
    with pytest.raises(InvalidVoucherId) as refused:
        voucher_id.parse(text)
    assert "R-VOU-4" in refused.value.message
    assert refused.value.http_status == 400
