"""The tables over the controlled words cover every word of their vocabulary."""

from __future__ import annotations

import pytest

from bot.knowledge.vocabulary import PAID_WITH, DataItem, Instrument, fits_payer


def test_every_data_item_says_whose_it_is():
    assert set(PAID_WITH) == set(DataItem)


@pytest.mark.parametrize(
    "item, instrument, fits",
    [
        (DataItem.SECURITY_CODE, Instrument.CARD, True),
        (DataItem.SECURITY_CODE, Instrument.BANK_ACCOUNT, False),
        (DataItem.ROUTING_NUMBER, Instrument.BANK_ACCOUNT, True),
        (DataItem.ROUTING_NUMBER, Instrument.CARD, False),
        (DataItem.ROUTING_NUMBER, Instrument.PAPER_CHECK, True),  # printed on the check
        (DataItem.CARD_NUMBER, Instrument.CASH, False),
        (DataItem.EMAIL, Instrument.CASH, True),
        (DataItem.CARD_NUMBER, None, True),  # the instrument unknown: everything may be theirs
    ],
)
def test_data_fits_the_payers_instrument(item, instrument, fits):
    assert fits_payer(item, instrument) is fits
