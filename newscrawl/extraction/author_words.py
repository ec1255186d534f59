"""The vocabulary of bylines, in one place: what is not a person's name.

All words are case-folded; a byline token is compared without its punctuation.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Placeholder accounts, desks and page furniture: never an author, alone or beside a name.
PLACEHOLDERS = _words(
    """
    admin administrator anonymous author authors autor autoren auteur autore contact
    desk editorial follow guest jobs letters name newsdesk newsroom permalink posted profile
    reply responses sekretariat share staff subscribe support team unknown user webmaster
    website redaktion redaktionen
    rédaction redaction redacción redazione redakcja red zespół bureau sport sports wire
    invitation article articles read more comments about
    """
)
# Words that make a byline part an organisation (an outlet, agency, company or institution).
ORGANISATION_WORDS = _words(
    """
    press presse prensa news nachrichten noticias notizie agency agence agencia agentur
    service services media medien times tribune journal herald gazette daily weekly magazine
    magazin radio tv television network channel online group inc ltd llc gmbh corp corporation
    company verlag foundation stiftung institute institut university universität ministry
    ministerium bundesministerium association verein society council committee office
    department center centre international world global publishing publications telegraph
    chronicle courier examiner observer plc kg business insider com net org ev
    """
)
# Job titles and roles that follow a name ("Jane Roe, Product Manager").
ROLES = _words(
    """
    manager engineer director founder cofounder co-founder scientist strategist producer analyst
    president ceo cto cfo officer chief head intern photographer specialist consultant
    marketing developer lead senior associate assistant professor lecturer researcher
    student fellow chair chairman spokesperson spokesman spokeswoman columnist blogger
    writer reporter editor editors correspondent contributor contributors product program
    programs communications engineering sales software
    """
)
# Credentials written after a name (compared case-sensitively, dots removed).
CREDENTIALS = frozenset(
    _words("MS MA MSc BSc BA PhD MD MPH MBA RD RDN LD LDN CSCS CPT RN NP LCSW PsyD DDS DVM JD Esq")
    | _words("CFP CFA CPA FACS MFA")
)
HONORIFICS = _words("dr dr. prof prof. professor mr mr. mrs mrs. ms. sir")
# Date words: a byline part made only of them is a date ("Dec", "Monday, November").
DATE_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec updated published on at am pm
    """
)
# Words cut from the end of a name, where a date line followed it ("By Jane Roe on", "- Fri",
# Czech "před" = ago). Month and day names that are also given names (May, June) are not.
TRAILING = _words(
    """
    on at ago před vor updated published posted mon tue tues wed thu thurs fri monday tuesday
    wednesday thursday friday saturday sunday january february march july september october
    november december
    """
)
# Lower-case words that show a phrase, not a name ("the numbers", "Building Wealth through
# Saving"); compared as written. Name particles (von, van, de, da, der, al) are not here.
PHRASE_WORDS = _words("the a an of for to with through in is are was ist wie oben die das mit says")
