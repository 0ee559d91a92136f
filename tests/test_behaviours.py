"""Behaviour tables over news-style texts written for these tests (none taken from the seed article).

Each row: a text and the quotes expected, in order, as (kind, content, speaker) where content is the
quote's text (its spans joined by " … ") and speaker is the canonical name, or "role:<role>" for an
unnamed source, the mention itself for a pronoun nobody in the text answers to, or None for no speaker.
"""
from __future__ import annotations

import pytest


def _speaker(quote):
    speaker = quote.speaker
    if speaker is None:
        return None
    if speaker.name:
        return speaker.name
    return f"role:{speaker.role}" if speaker.role else speaker.mention.text


def _summary(result):
    return [(q.kind, q.text, _speaker(q)) for q in result.quotes]


DIRECT = [
    pytest.param(
        'The council met on Monday. "We have no money left for the bridge," Mayor Linda Okafor said.',
        [("direct", "We have no money left for the bridge,", "Linda Okafor")], id="straight-marks"),
    pytest.param(
        "“The results speak for themselves,” said coach Tom Berridge after the match.",
        [("direct", "The results speak for themselves,", "Tom Berridge")], id="curly-inverted"),
    pytest.param(
        "Finance minister Ana Ruiz was blunt. «Nous n'avons pas le choix», Ruiz said on Tuesday.",
        [("direct", "Nous n'avons pas le choix", "Ana Ruiz")], id="guillemets"),
    pytest.param(
        "\"He told me 'never again' and walked out of the room,\" Grace Holm said.",
        [("direct", "He told me 'never again' and walked out of the room,", "Grace Holm")], id="nested-single"),
    pytest.param(
        "Mayor Ana Ruiz says budget cuts are ‘a disaster’ for schools\nThe council voted on Monday. "
        "\"We did our best,\" said councillor Jo Brandt.",
        [("mixed", "budget cuts are ‘a disaster’ for schools", "Ana Ruiz"),
         ("direct", "We did our best,", "Jo Brandt")], id="single-marks-in-a-headline-without-double-marks"),
    pytest.param(
        "The company's profits rose. \"We didn't expect demand to grow this fast,\" chief executive Raj Patel told investors.",
        [("direct", "We didn't expect demand to grow this fast,", "Raj Patel")], id="apostrophes-are-not-marks"),
    pytest.param(
        "Several so-called \"sanctuary\" towns have refused. Officials did not respond.",
        [], id="scare-quote"),
    pytest.param(
        "The storm destroyed forty homes on the coast. Says the mayor: “We will rebuild.”",
        [("direct", "We will rebuild.", "role:mayor")], id="verb-opening-the-sentence-before-its-subject"),
    pytest.param(
        "The council delayed the vote again. Said Ellis: “I don’t get the sense anyone here is the least bit "
        "interested in reform.”",
        [("direct", "I don’t get the sense anyone here is the least bit interested in reform.", "Ellis")],
        id="verb-opening-the-sentence-is-no-part-of-the-name"),
    pytest.param(
        "Harbour News reported the clash first. \"The border is calm,\" the Central Agency said. \"They fired first\", "
        "it added; and, later, \"Our units are ready to respond\".",
        [("direct", "The border is calm,", "Central Agency"), ("direct", "They fired first", "Central Agency"),
         ("direct", "Our units are ready to respond", "Central Agency")], id="a-second-report-between-two-quotations"),
    pytest.param(
        "The governor spoke on the radio on Monday.\n\nThe governor added:\n\nIt is typical of the council. They "
        "know nothing, and the talk never stops.\n\nThe council did not respond.",
        [("direct", "It is typical of the council. They know nothing, and the talk never stops.", "role:governor")],
        id="a-block-quotation-after-a-paragraph-ending-on-its-verb-and-colon"),
    pytest.param(
        "The plan lists three projects, as follows:\n\nRoads, bridges and schools for the north.",
        [], id="a-paragraph-after-a-colon-without-a-reporting-verb-is-no-quote"),
    pytest.param(
        "''We cannot be part of this network,'' Ms. Lena Wahl told the audience.",
        [("direct", "We cannot be part of this network,", "Lena Wahl")], id="double-marks-typed-as-two-single-ones"),
    pytest.param(
        "The mayor said``We will rebuild the pier.''",
        [("direct", "We will rebuild the pier.", "role:mayor")], id="typewriter-opening-and-closing-marks"),
    pytest.param(
        "\"We cannot be part of this network,\" Ms. Wahl told the audience.",
        [("direct", "We cannot be part of this network,", "Wahl")], id="the-full-stop-of-a-title-ends-no-sentence"),
    pytest.param(
        "At the end of her rendition of the anthem \"A Change Is Gonna Come,\" she added the words \"Hillary Clinton.\"",
        [], id="a-title-and-its-comma-before-an-attribution-is-no-quote"),
    pytest.param(
        "\"The bridge will open next spring,\" she said, \"if the weather holds.\"",
        [("direct", "The bridge will open next spring, … if the weather holds.", "she")], id="split-by-cue"),
    pytest.param(
        "Police chief Maria Lenz spoke to reporters on Friday. \"We have made two arrests,\" Lenz said. "
        "\"More may follow in the coming days.\"",
        [("direct", "We have made two arrests,", "Maria Lenz"),
         ("direct", "More may follow in the coming days.", "Maria Lenz")], id="cueless-continues"),
    pytest.param(
        "\"This is the first paragraph of a long statement about the strike and what it means for us all,\" "
        "union leader Sam Reyes said.\n\"We will not go back to work until the company listens.\"",
        [("direct", "This is the first paragraph of a long statement about the strike and what it means for us all,",
          "Sam Reyes"),
         ("direct", "We will not go back to work until the company listens.", "Sam Reyes")],
        id="quoted-paragraph-continues"),
    pytest.param(
        "Senator Joan Whitfield spoke first. \"I have read the whole bill and it does not add up\n"
        "\"We need a new budget before the summer,\" she said.",
        [("direct", "I have read the whole bill and it does not add up", "Joan Whitfield"),
         ("direct", "We need a new budget before the summer,", "Joan Whitfield")],
        id="unclosed-paragraph"),
    pytest.param(
        "The report is \"odd and the rest of the document must survive this. Mayor Tim Ball said the city "
        "will recover.",
        [("indirect", "the city will recover", "Tim Ball")], id="unbalanced-mark"),
    pytest.param(
        "Partial transcript as follows:\n\"HOST: Will you run again next year?\"\n"
        "\"HARRIS: We have not decided, and we will not decide before the summer.\"",
        [("direct", "HOST: Will you run again next year?", "HOST"),
         ("direct", "HARRIS: We have not decided, and we will not decide before the summer.", "HARRIS")],
        id="transcript-labels"),
    pytest.param(
        "\"We will not give up,\" Governor Kay Dunn said on NBC's \"Meet the Press.\"",
        [("direct", "We will not give up,", "Kay Dunn")], id="programme-title-is-no-quote"),
    pytest.param(
        "At the end of her set of \"Say It Loud,\" the singer thanked the crowd.",
        [], id="song-title-before-a-verb-is-no-quote"),
    pytest.param(
        "\"Prices have doubled since the spring and families cannot keep up,\" Mr. Haddad said.",
        [("direct", "Prices have doubled since the spring and families cannot keep up,", "Haddad")],
        id="abbreviation-between-quote-and-cue"),
    pytest.param(
        "“This budget abandons rural hospitals,” Rep. Nora Quill (D-Vt.) said Friday.",
        [("direct", "This budget abandons rural hospitals,", "Nora Quill")], id="party-in-parentheses"),
    pytest.param(
        "The hearing grew tense. “Why did nobody at the bank stop this when the first complaints came in?” "
        "Senator Alma Reyes demanded.",
        [("direct", "Why did nobody at the bank stop this when the first complaints came in?", "Alma Reyes")],
        id="question-then-cue"),
    pytest.param(
        "Why not? He left the room. \"The vote was rigged from the very start and everyone knew it.\" "
        "Later she said nothing.",
        [("direct", "The vote was rigged from the very start and everyone knew it.", None)],
        id="cue-after-a-full-stop-is-another-sentences"),
    pytest.param(
        "The minister defended the cuts on Tuesday, saying, \"Nobody likes this budget, but the numbers leave us no "
        "other road.\"",
        [("direct", "Nobody likes this budget, but the numbers leave us no other road.", "role:minister")],
        id="participle-takes-the-subject-of-its-verb"),
    pytest.param(
        "\"The reform is fair to savers and it closes the worst loopholes,\" Helen T. Marsh, director of the "
        "independent Westbridge Budget Institute and a professor at the Eastfield School of Economics, said.",
        [("direct", "The reform is fair to savers and it closes the worst loopholes,", "Helen T. Marsh")],
        id="long-appositive-between-name-and-verb"),
    pytest.param(
        "The coach said his players had trained hard all week. \"We wanted this one more than anything. "
        "The fans deserved it.\"",
        [("indirect", "his players had trained hard all week", "role:coach"),
         ("direct", "We wanted this one more than anything. The fans deserved it.", "role:coach")],
        id="quote-after-an-indirect-quote-continues-it"),
    pytest.param(
        "The regulator on Thursday said the merger would raise prices. Sens. Ada Price (D-Ore.) and Tom Lee "
        "(R-Ohio) both warned that the deal would hurt farmers.",
        [("indirect", "the merger would raise prices", "role:regulator"),
         ("indirect", "the deal would hurt farmers", "Tom Lee")], id="time-adverbial-and-floating-quantifier"),
]


CUES = [
    pytest.param(
        "The storm flooded 200 homes, according to the Red Cross.",
        [("indirect", "The storm flooded 200 homes", "Red Cross")], id="according-to-after"),
    pytest.param(
        "According to fire chief Dan Moretti, the blaze started in the kitchen.",
        [("indirect", "the blaze started in the kitchen", "Dan Moretti")], id="according-to-before"),
    pytest.param(
        "Governor Ellen Marsh said: \"We will rebuild every school that was lost.\"",
        [("direct", "We will rebuild every school that was lost.", "Ellen Marsh")], id="colon-introduction"),
    pytest.param(
        "The governor spoke first.\nEllen Marsh: \"We will rebuild every school that was lost.\"",
        [("direct", "We will rebuild every school that was lost.", "Ellen Marsh")], id="colon-name"),
    pytest.param(
        "The coach was asked about the defeat and said:\n\n\"We were simply not good enough today.\"",
        [("direct", "We were simply not good enough today.", "role:coach")], id="colon-previous-paragraph"),
    pytest.param(
        "\"Nobody should have to wait six hours for an ambulance.\" — Dr. Priya Nair, emergency physician",
        [("direct", "Nobody should have to wait six hours for an ambulance.", "Priya Nair")], id="dash-attribution"),
    pytest.param(
        "“The new line cut my commute in half, and I can finally see my kids.”― Tomás Ibarra, nurse\n"
        "“It is always late after nine in the evening.” ― Beth Collins",
        [("direct", "The new line cut my commute in half, and I can finally see my kids.", "Tomás Ibarra"),
         ("direct", "It is always late after nine in the evening.", "Beth Collins")], id="horizontal-bar-attribution"),
    pytest.param(
        "\"The water was up to the windows before anyone came to help us.\" - Ruth Adeyemi",
        [("direct", "The water was up to the windows before anyone came to help us.", "Ruth Adeyemi")],
        id="spaced-hyphen-attribution"),
    pytest.param(
        "The campaign put up posters across the city. “Why is the new hospital still closed after three years?” "
        "the biggest billboard asks.",
        [("direct", "Why is the new hospital still closed after three years?", "role:biggest billboard")],
        id="inflected-cue-closing-an-attribution"),
    pytest.param(
        "Last week it was announced by the ministry that the border crossing would close.",
        [("indirect", "the border crossing would close", "ministry")], id="passive-agent"),
    pytest.param(
        "Minister Carl Dahl warned that prices would keep rising through the winter.",
        [("indirect", "prices would keep rising through the winter", "Carl Dahl")], id="warn"),
    pytest.param(
        "The airline's owner, Hugo Brandt, told reporters that the strike had cost millions.",
        [("indirect", "the strike had cost millions", "Hugo Brandt")], id="told-reporters"),
]


INDIRECT = [
    pytest.param(
        "Health secretary Nora Quist said the hospital would reopen in May.",
        [("indirect", "the hospital would reopen in May", "Nora Quist")], id="no-that"),
    pytest.param(
        "Researchers argued that the vaccine was safe for children.",
        [("indirect", "the vaccine was safe for children", "Researchers")], id="group-that"),
    pytest.param(
        "Treasurer Mark Olsen said that the deficit was \"completely out of control\" this year.",
        [("mixed", "the deficit was \"completely out of control\" this year", "Mark Olsen")], id="mixed"),
    pytest.param(
        "The river will crest on Sunday, the weather service said.",
        [("indirect", "The river will crest on Sunday", "weather service")], id="postposed"),
    pytest.param(
        "A spokesman for the mayor says neither the mayor of the city nor her deputy knew about the contract.",
        [("indirect", "neither the mayor of the city nor her deputy knew about the contract",
          "role:spokesman for the mayor")],
        id="a-clause-opening-with-neither"),
    pytest.param(
        "In a message posted on Friday, Senator Cruz said he had \"serious doubts\" about the plan.",
        [("mixed", "he had \"serious doubts\" about the plan", "Cruz")], id="an-object-holds-no-clause-of-another-cue"),
    pytest.param(
        "Mayor Dana Holt issued a statement on Monday saying the bridge would reopen in May.",
        [("indirect", "the bridge would reopen in May", "Dana Holt")], id="a-statement-saying-is-its-issuers"),
    pytest.param(
        "Senator Paul Ryder took to Twitter on Friday to accuse the agency of \"gross negligence\".",
        [("mixed", "the agency of \"gross negligence\"", "Paul Ryder")], id="a-purpose-infinitive-is-its-subjects"),
    pytest.param(
        "Mayor Ruiz criticized the council's budget in a radio interview, saying, \"It is a disgrace.\"",
        [("direct", "It is a disgrace.", "Ruiz")], id="a-participle-after-a-naming-verb"),
    pytest.param(
        "Professor Lena Ortiz said although heat and drought are known to hurt wheat yields, \"nobody has studied "
        "them together\".",
        [("mixed", "although heat and drought are known to hurt wheat yields, \"nobody has studied them together\"",
          "Lena Ortiz")], id="a-clause-goes-on-into-a-quotation-after-its-comma"),
    pytest.param(
        "The prosecutor told the jury that, in the final weeks, \"Her condition was plain to everyone.\"",
        [("mixed", "in the final weeks, \"Her condition was plain to everyone.\"", "role:prosecutor")],
        id="an-adverbial-before-a-quoted-sentence-goes-on-into-it"),
    pytest.param(
        "Senator Ann Ruiz scolded him: \"The whole community is against you,\" she said.",
        [("direct", "The whole community is against you,", "Ann Ruiz")], id="a-postposed-verb-reports-only-its-quotation"),
    pytest.param(
        "Former members reported that all they got was a message stating, \"The council has closed this account.\"",
        [("mixed", "all they got was a message stating, \"The council has closed this account.\"", "Former members")],
        id="a-quoted-sentence-its-clause-introduces"),
    pytest.param(
        "The plant was opened by Tom Devocht, who in 2010 said that it would never close.",
        [("indirect", "it would never close", "Tom Devocht")], id="who-and-a-year-before-the-verb"),
    pytest.param(
        "Lawmakers have not said when they would vote on the harbour plan.",
        [("indirect", "when they would vote on the harbour plan", "Lawmakers")], id="what-someone-would-not-say"),
    pytest.param(
        "Lawmakers have said when they would vote on the harbour plan.",
        [], id="an-embedded-question-after-a-plain-say-is-no-report"),
    pytest.param(
        "The mayor continues to insist, most recently in a long radio interview with the local station on Monday, "
        "that the bridge will open in May.",
        [("indirect", "the bridge will open in May", "role:mayor")], id="that-after-a-long-aside"),
    pytest.param(
        "Residents who spoke to reporters on Monday said the water was brown.",
        [("indirect", "the water was brown", "Residents")], id="the-object-of-a-relative-clause-is-no-speaker"),
    pytest.param(
        "The council received many letters, including one saying that the mayor should resign.",
        [("indirect", "the mayor should resign", "one")], id="one-of-them-speaks"),
    pytest.param(
        "One might argue that the plan is far too costly for the town.",
        [], id="one-with-a-modal-is-nobody-in-particular"),
    pytest.param(
        "The council reasoned that the road was too narrow for buses.",
        [("indirect", "the road was too narrow for buses", "council")], id="reason"),
    pytest.param(
        "The company announced a new chief executive on Monday.",
        [], id="noun-phrase-object-is-no-quote"),
    pytest.param(
        "The bakery said in a statement the shop on Mill Street would close next year.",
        [("indirect", "the shop on Mill Street would close next year", "role:bakery")], id="the-verbs-adverbial-is-no-part-of-it"),
    pytest.param(
        "The minister also said loans and grants would be open to clubs and charities,\" For example, a club "
        "can ask for help to repair its hall\". Applications open in May.",
        [("indirect", "loans and grants would be open to clubs and charities", "role:minister"),
         ("direct", "For example, a club can ask for help to repair its hall", "role:minister")],
        id="a-clause-then-a-quotation-with-a-misplaced-space"),
    pytest.param(
        "Senator Ruth Adler said at a town hall in Dayton, Ohio, that the plant would close by June.",
        [("indirect", "the plant would close by June", "Ruth Adler")], id="that-clause-after-a-long-adjunct"),
    pytest.param(
        "Coach Ben Ortiz told the players that the season was \"far from over\" and said he would start "
        "the rookies on Sunday.",
        [("mixed", "the season was \"far from over\"", "Ben Ortiz"),
         ("indirect", "he would start the rookies on Sunday", "Ben Ortiz")], id="second-report-after-and"),
    pytest.param(
        "Chief Ada Nwosu told reporters that the fire started in the kitchen, but the owner said the wiring "
        "was new.",
        [("indirect", "the fire started in the kitchen", "Ada Nwosu"),
         ("indirect", "the wiring was new", "role:owner")], id="another-speakers-report-after-but"),
    pytest.param(
        "The new tariffs are a tax on every family in the state, local business leaders said Friday afternoon, "
        "as they gathered outside the capitol.",
        [("indirect", "The new tariffs are a tax on every family in the state", "local business leaders")],
        id="postposed-before-a-comma"),
    pytest.param(
        "The plant could reopen within a year, Senator Ida Moss told the Valley Ledger on Thursday.",
        [("indirect", "The plant could reopen within a year", "Ida Moss")], id="postposed-with-a-hearer"),
    pytest.param(
        "Its first television ad could run this week, said Omar Reyes, a longtime adviser to the family.",
        [("indirect", "Its first television ad could run this week", "Omar Reyes")], id="postposed-inverted"),
    pytest.param(
        "It would take three weeks to convene the board, he said, and a long fight could follow.",
        [("indirect", "It would take three weeks to convene the board", "he")], id="postposed-mid-sentence"),
    pytest.param(
        "In her opening remarks for guests, the curator pointed out those paintings to visitors, noting their "
        "colours. The director was motivated to look for a buyer, and came upon a letter written by a lawyer.",
        [], id="no-postposed-clause-without-its-speaker"),
    pytest.param(
        "The band I started in 1998, Spoken Word Society, toured the country.",
        [], id="reporting-verb-inside-a-name"),
    pytest.param(
        "The defense lawyer said that, as the couple had no car, they could not have reached the farm.",
        [("indirect", "as the couple had no car, they could not have reached the farm", "role:defense lawyer")],
        id="that-before-a-comma"),
    pytest.param(
        "The senator called the bill “a gift to the largest polluters in the country and a betrayal of every "
        "family that lives downwind.”",
        [("mixed", "the bill “a gift to the largest polluters in the country and a betrayal of every family that "
          "lives downwind.”", "role:senator")], id="naming-verb-object-with-a-long-fragment"),
    pytest.param(
        "Governor Ana Lusk appeared on local radio and began by saying she would “never” raise the sales tax.",
        [("mixed", "she would “never” raise the sales tax", "Ana Lusk")], id="participle-of-a-coordinated-verb"),
    pytest.param(
        "Director Paul Okoye tells WKRN’s “Morning Show” on Friday that “the cause of the outage” is still unknown.",
        [("mixed", "“the cause of the outage” is still unknown", "Paul Okoye")], id="quoted-title-before-that"),
    pytest.param(
        "The president spoke at a base that overlooks the harbor in his home state.",
        [], id="relative-that-is-no-clause"),
    pytest.param(
        "\"The port is the city's lifeline,\" said Ines Moreau, who heads the harbor authority in Marseille.",
        [("direct", "The port is the city's lifeline,", "Ines Moreau")], id="inverted-subject-with-a-relative-clause"),
    pytest.param(
        "But when the council cut funding for the library two years later, the mayor said.",
        [], id="subordinate-clause-alone-is-no-report"),
    pytest.param(
        "The talks achieved \"very little,\" she added on the radio.",
        [("mixed", "The talks achieved \"very little,\"", "she")], id="postposed-after-a-fragment"),
    pytest.param(
        "Ruth Palmer, a spokeswoman for the dock workers, said the union expected shipments to recover by "
        "the spring.",
        [("indirect", "the union expected shipments to recover by the spring", "Ruth Palmer")],
        id="past-verb-tagged-as-participle"),
    pytest.param(
        "Separately, there have been other alleged thefts committed by former employees, including a break-in "
        "at the depot.",
        [], id="participle-with-an-agent-is-no-clause"),
    pytest.param(
        "Senator Mia Roth said the deal would cut prices for everyone, arguing that the old rules had failed.",
        [("indirect", "the deal would cut prices for everyone", "Mia Roth"),
         ("indirect", "the old rules had failed", "Mia Roth")], id="participle-clause-ends-the-report"),
    pytest.param(
        "In her speech, Mayor Ivy Chen urged residents to conserve water until the reservoir refills.",
        [("indirect", "residents to conserve water until the reservoir refills", "Ivy Chen")], id="directive"),
    pytest.param(
        "The governor wrote that the bridge would reopen in May and thanked the crews for their work.",
        [("indirect", "the bridge would reopen in May", "role:governor")], id="the-reporters-next-act-ends-the-clause"),
    pytest.param(
        "Ana Ruiz claims she was sent to the camp for a week but ended up staying a year.",
        [("indirect", "she was sent to the camp for a week but ended up staying a year", "Ana Ruiz")],
        id="a-verb-in-another-tense-goes-on-with-the-clause"),
    pytest.param(
        "The charity asked the council to reopen the shelter.",
        [], id="a-request-is-no-directive-report"),
    pytest.param(
        "Lee said the strike had hurt every shop in town, though she noted sales are picking up again.",
        [("indirect", "the strike had hurt every shop in town", "Lee"),
         ("indirect", "sales are picking up again", "Lee")], id="another-report-after-though"),
    pytest.param(
        "The budget office estimates that the new rules would cost $2 billion a year.",
        [("indirect", "the new rules would cost $2 billion a year", "budget office")], id="estimate"),
    pytest.param(
        "Senator Ada Kwan called on the ministry to \"stop hiding the numbers\" before the vote.",
        [("mixed", "the ministry to \"stop hiding the numbers\" before the vote", "Ada Kwan")],
        id="called-on-is-a-directive"),
    pytest.param(
        "The mayor called the plan \"reckless\" and walked out of the meeting.",
        [("mixed", "the plan \"reckless\"", "role:mayor")], id="naming-object-ends-at-the-next-verb"),
    pytest.param(
        "At a rally, the governor likened the protesters to \"a mob with no plan\" in his speech.",
        [("mixed", "the protesters to \"a mob with no plan\" in his speech", "role:governor")], id="liken"),
    pytest.param(
        "Coach Ines Vidal compared the referee to a driver who is \"asleep at the wheel\" in every match.",
        [("mixed", "the referee to a driver who is \"asleep at the wheel\" in every match", "Ines Vidal")],
        id="compare"),
    pytest.param(
        "Chief Ama Boateng said the fire had started in the kitchen.\n\"We will know more by the morning.\"",
        [("indirect", "the fire had started in the kitchen", "Ama Boateng"),
         ("direct", "We will know more by the morning.", "Ama Boateng")], id="quoted-paragraph-after-an-indirect-quote"),
    pytest.param(
        "Governor Lusk Says New Bridge Will Open Before Winter\nThe city council met on Monday.",
        [("indirect", "New Bridge Will Open Before Winter", "Lusk")], id="title-case-headline"),
    pytest.param(
        "Senator Voss Slams Tax Plan As ‘A Gift To The Rich’ In Fiery Speech",
        [("mixed", "Tax Plan As ‘A Gift To The Rich’ In Fiery Speech", "Voss")], id="title-case-headline-naming-verb"),
    pytest.param(
        "Ortiz has gone after Mayor Lena Park as a “career politician” in every debate.",
        [("mixed", "Mayor Lena Park as a “career politician” in every debate", "Ortiz")], id="casting-someone-as-a-fragment"),
    pytest.param(
        "The team listed its home town as “Harmony” on the entry form.",
        [], id="casting-something-is-no-quote"),
    pytest.param(
        "Residents complained of a smell that inspector Karl Ivers described as “like burning rubber.”",
        [("mixed", "as “like burning rubber.”", "Karl Ivers")], id="naming-verb-with-as"),
    pytest.param(
        "The new stadium was described as “a jewel” in the brochure.",
        [], id="passive-naming-verb-with-as-names-no-speaker"),
    pytest.param(
        "The candidate promised lower fares and “buses everywhere” at the rally.",
        [("mixed", "lower fares and “buses everywhere” at the rally", "role:candidate")],
        id="reporting-verb-object-with-a-fragment"),
    pytest.param(
        "Coach Dana Reyes told the Daily Courier, “We are not done yet, and we will be back next season.”",
        [("direct", "We are not done yet, and we will be back next season.", "Dana Reyes")],
        id="reporting-verb-object-holding-its-direct-quote"),
    pytest.param(
        "Mayor Ruiz: Budget Cuts Would Be ‘A Disaster’ For Schools\nThe council meets on Monday.",
        [("mixed", "Budget Cuts Would Be ‘A Disaster’ For Schools", "Ruiz")], id="headline-name-label"),
    pytest.param(
        "Frank Doe: An Interview with the ‘Jazz Poet’\nHe plays on Fridays.",
        [], id="headline-name-label-before-a-title"),
    pytest.param(
        "Reed “the dealmaker” could fix the deficit, a senior senator said on Friday.",
        [("mixed", "Reed “the dealmaker” could fix the deficit", "role:senior senator")],
        id="postposed-with-one-word-before-the-fragment"),
    pytest.param(
        "The coach thanked the fans at the stadium, where the mayor also spoke.",
        [], id="relative-clause-is-no-postposed-attribution"),
    pytest.param(
        "The plan to widen the road, the mayor said, is dead.",
        [("indirect", "The plan to widen the road … is dead", "role:mayor")], id="interposed-attribution"),
    pytest.param(
        "The best exhibit of the night, the reporter observed from the back of the hall, was the photo booth.",
        [], id="interposed-perception-is-no-report"),
    pytest.param(
        "The flood hit families in the valley, many of whom say the county’s warnings about the dam were ignored.",
        [("indirect", "the county’s warnings about the dam were ignored", "many of whom")], id="share-of-a-group-speaks"),
    pytest.param(
        "The experts I interviewed said the proposals were more detailed than the rival plan.",
        [("indirect", "the proposals were more detailed than the rival plan", "experts")],
        id="subject-with-a-relative-clause-without-who"),
    pytest.param(
        "They would not tell the agency anything it does not already know.",
        [], id="relative-clause-on-anything-is-no-report"),
    pytest.param(
        "After news of the arrest was reported, the mayor received hundreds of letters from residents.",
        [], id="reporting-verb-in-an-opening-subordinate-clause"),
    pytest.param(
        "Governor Ann Reyes said she believes rebuilding the bridge now has a \"strong rationale\".",
        [("mixed", "she believes rebuilding the bridge now has a \"strong rationale\"", "Ann Reyes")],
        id="clause-running-into-a-fragment-after-a-determiner"),
    pytest.param(
        "Chief Ada Nwosu said she thinks the fire department now has the “best crews in the state”.",
        [("mixed", "she thinks the fire department now has the “best crews in the state”", "Ada Nwosu")],
        id="clause-running-into-a-fragment-after-the"),
    pytest.param(
        "The plan won the votes of most people answering, while the rest stayed home on the day.",
        [], id="adverbial-clause-after-a-comma-is-no-report"),
    pytest.param(
        "Two engineers warned, as did the mayor herself, that the bridge could fail in a storm.",
        [("indirect", "the bridge could fail in a storm", "Two engineers")], id="aside-before-that"),
    pytest.param(
        "Police said, as they had the day before, that the road would stay closed.",
        [("indirect", "the road would stay closed", "Police")], id="aside-with-its-own-clause-before-that"),
    pytest.param(
        "Critics said the stadium would never pay for itself — the owner insisted, “It already has.”",
        [("indirect", "the stadium would never pay for itself", "Critics"),
         ("direct", "It already has.", "role:owner")], id="another-report-after-a-dash"),
]


RESOLUTION = [
    pytest.param(
        "Transport secretary Helen Brooks visited the site on Monday. Brooks said the line would reopen soon. "
        "\"We owe the passengers an apology,\" she added.",
        [("indirect", "the line would reopen soon", "Helen Brooks"),
         ("direct", "We owe the passengers an apology,", "Helen Brooks")], id="surname-and-pronoun"),
    pytest.param(
        "\"We are reviewing the footage,\" a Metropolitan Police spokeswoman told the BBC. "
        "\"Nobody has been charged,\" the spokeswoman said.",
        [("direct", "We are reviewing the footage,", "role:Metropolitan Police spokeswoman"),
         ("direct", "Nobody has been charged,", "role:Metropolitan Police spokeswoman")], id="description"),
    pytest.param(
        "Campaigners gathered outside parliament. \"We will be back next week,\" they said.",
        [("direct", "We will be back next week,", "Campaigners")], id="they-group"),
    pytest.param(
        "Prices rose sharply in March. \"It is a concern,\" they said.",
        [("direct", "It is a concern,", "they")], id="they-is-no-thing"),
    pytest.param(
        "The protesters marched through the city on Saturday. \"We want our jobs back,\" they said.",
        [("direct", "We want our jobs back,", "protesters")], id="they-group-of-people"),
    pytest.param(
        "The World Health Organization (WHO) issued new guidance. The WHO said the risk remained low.",
        [("indirect", "the risk remained low", "World Health Organization")], id="acronym-organisation"),
    pytest.param(
        "According to the Gazette, Emeritus Professor Anna Field, the head of the review panel, said the rules "
        "had never been tested. Professor Field also said the panel would report in June.",
        [("indirect", "Emeritus Professor Anna Field, the head of the review panel, said the rules had never been "
                      "tested", "Gazette"),
         ("indirect", "the panel would report in June", "Anna Field")], id="a-name-in-passing-with-titles"),
    pytest.param(
        "Both the Harbor School District and the Harbor Police Department have said that the search was routine.",
        [("indirect", "the search was routine", "Harbor School District and the Harbor Police Department")],
        id="two-names-with-their-own-articles-name-a-group"),
    pytest.param(
        "Museum director Paula Hendricks opened the show on Friday. \"Everyone knows this painter,\" Hendrick said.",
        [("direct", "Everyone knows this painter,", "Paula Hendricks")], id="a-surname-misspelt-by-one-letter"),
    pytest.param(
        "Karl Schumacher, an engineer, inspected the dam. \"It will hold,\" Shumacherr said.",
        [("direct", "It will hold,", "Karl Schumacher")], id="a-long-surname-misspelt-by-two-letters"),
    pytest.param(
        "Mayor Karla Mendez opened the bridge. \"It took ten years,\" Mnedez said.",
        [("direct", "It took ten years,", "Karla Mendez")], id="a-surname-with-two-letters-swapped"),
    pytest.param(
        "Biology student at University of Ohio Dayton Rana Haddad started a petition. Haddad said the rules were unfair.",
        [("indirect", "the rules were unfair", "Rana Haddad")], id="a-name-run-on-from-an-organisation"),
    pytest.param(
        "Coach Dan Reyes praised the team. \"We were lucky,\" Rees said.",
        [("direct", "We were lucky,", "Rees")], id="a-short-surname-one-letter-away-is-someone-else"),
]


ROLES = [
    pytest.param(
        "Emeritus Professor Ruth Ames, the chair of the inquiry panel, said the hearings would resume.",
        "Ruth Ames", "chair of the inquiry panel", id="an-office-after-the-name-over-a-title-before-it"),
    pytest.param(
        "Major General Omar Said, in remarks to state television, said the border was calm.",
        "Omar Said", "Major General", id="an-affiliation-after-the-name-is-no-office"),
    pytest.param(
        "The harbour board chairman, Tom Reyes, opened the meeting on Monday. \"We have no money left,\" Reyes said.",
        "Tom Reyes", "harbour board chairman", id="role-before-a-name-in-passing"),
    pytest.param(
        "The court heard from Mark Tedeschi, QC, on Friday. \"The parents knew,\" Tedeschi said.",
        "Mark Tedeschi", None, id="letters-after-a-name-are-no-role"),
    pytest.param(
        "After the match, Hernan Gomez, Panama coach, said, \"We learned a lot today about our defence.\"",
        "Hernan Gomez", "Panama coach", id="name-and-role-after-an-adverbial"),
    pytest.param(
        "In a public statement, Malaysia's Prime Minister, Najib Razak said, \"We are in contact with all parties.\"",
        "Najib Razak", "Malaysia's Prime Minister", id="role-and-comma-before-the-subject"),
    pytest.param(
        "Like the mayor, Tom Smith said the plan was a mistake.",
        "Tom Smith", None, id="phrase-after-a-preposition-is-no-role"),
    pytest.param(
        "The county reopened the highway on Sunday. Added Maria Lopez, a spokeswoman for the county: “Nobody "
        "was hurt and the roads are open again.”",
        "Maria Lopez", "spokeswoman for the county", id="appositive-closed-by-a-colon-after-an-inverted-subject"),
    pytest.param(
        "Professor Lena Dean chaired the panel. Dean said the findings were preliminary.",
        "Lena Dean", None, id="title-word-as-a-surname"),
    pytest.param(
        "The 82nd Brigade said that the road to the airport was open again.",
        "Brigade", None, id="ordinal-is-no-role"),
    pytest.param(
        "''The station was never this full before the strike,'' Mr. King, 74, told me.",
        "King", None, id="honorific-makes-a-name-and-an-age-is-no-role"),
    pytest.param(
        "\"We lost the whole harvest,\" Governor Lena Brandt, Ohio, said Tuesday.",
        "Lena Brandt", "Governor", id="time-word-after-the-verb-is-no-speaker"),
    pytest.param(
        "Matt Wolking, a Republican campaign strategist, said the race was far from over.",
        "Matt Wolking", "Republican campaign strategist", id="appositive"),
    pytest.param(
        "Attendance reached 11,000 visitors in 2010, according to curator Elaine Gustafon.",
        "Elaine Gustafon", "curator", id="title-after-according-to"),
    pytest.param(
        "Rosa Delgado, a retired nurse and union organiser, has claimed that the ward was closed in secret.",
        "Rosa Delgado", "retired nurse and union organiser", id="appositive-before-an-auxiliary"),
    pytest.param(
        "Tom Reyes, the harbour master, had warned that the pier would not survive another storm.",
        "Tom Reyes", "harbour master", id="appositive-before-a-past-perfect"),
    pytest.param(
        "Deputy Police Commissioner Alan Greer said the investigation would take months.",
        "Alan Greer", "Deputy Police Commissioner", id="title-before-name"),
    pytest.param(
        "Aimee Allison, founder of She the People, said that women of color decide elections.",
        "Aimee Allison", "founder of She the People", id="x-of-y"),
    pytest.param(
        "Lena Okafor for the Harbour Trust said the pier would reopen in May.",
        "Lena Okafor", None, id="name-for-organisation"),
    pytest.param(
        "A spokesman for the Harbour Trust said the pier would reopen in May.",
        None, "spokesman for the Harbour Trust", id="role-for-organisation-names-no-one"),
    pytest.param(
        "Undersecretary for Transport Mr. Alvaro Benzi said the line would reopen in May.",
        "Alvaro Benzi", "Undersecretary for Transport", id="honorific-between-role-and-name"),
    pytest.param(
        "Economist and professor Ada Marsh said the rate would fall by spring.",
        "Ada Marsh", "Economist and professor", id="lower-case-professor-stays-in-the-role"),
    pytest.param(
        "Council on Maritime Affairs Lena Okafor said the pier would reopen in May.",
        "Lena Okafor", None, id="person-after-organisation-in-one-run"),
    pytest.param(
        "\"The storm was worse than forecast,\" Lena Moretti, editor at large at the Coastal Herald, said.",
        "Lena Moretti", "editor at large at the Coastal Herald", id="appositive-title-word-tagged-as-verb"),
    pytest.param(
        "Omar Haddad, chief operating officer at Brightline Rail, said the trains would run hourly.",
        "Omar Haddad", "chief operating officer at Brightline Rail", id="appositive-adjective-title"),
    pytest.param(
        "\"The vote is a disgrace,\" said Sen. Maria Lopez.",
        "Maria Lopez", "Sen.", id="abbreviated-title-ends-no-sentence"),
    pytest.param(
        "\"We will appeal,\" said Rep. Tom Hale of the budget committee.",
        "Tom Hale", "Rep.", id="name-then-of-affiliation"),
]


def _check(attributor, text, expected):
    result = attributor(text)
    assert _summary(result) == expected


@pytest.mark.parametrize(("text", "expected"), DIRECT)
def test_direct_quotes(attributor, text, expected):
    _check(attributor, text, expected)


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_cues(attributor, text, expected):
    _check(attributor, text, expected)


@pytest.mark.parametrize(("text", "expected"), INDIRECT)
def test_indirect_and_mixed(attributor, text, expected):
    _check(attributor, text, expected)


@pytest.mark.parametrize(("text", "expected"), RESOLUTION)
def test_resolution(attributor, text, expected):
    _check(attributor, text, expected)


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_roles(attributor, text, name, role):
    result = attributor(text)
    assert [(q.speaker.name, q.speaker.role) for q in result.quotes] == [(name, role)]


@pytest.mark.parametrize(("text", "organization"), [
    ("\"The vote is a disgrace,\" said Sen. Maria Lopez of Nevada.", "Nevada"),
    ("Lena Okafor for the Harbour Trust said the pier would reopen in May.", "Harbour Trust"),
    ("A spokesman for the Harbour Trust said the pier would reopen in May.", "Harbour Trust"),
    ("Gov. Ana Ortiz of New Mexico told reporters the budget was balanced.", "New Mexico"),
    ("\"Prices will fall,\" said the Bank of America.", "Bank of America"),
    ("Malaysia's Prime Minister Najib Razak said the talks would go on.", "Malaysia"),
])
def test_the_of_or_for_phrase_after_a_name_or_role_is_the_organisation(attributor, text, organization):
    assert [q.speaker.organization for q in attributor(text).quotes] == [organization]


def test_entity_keeps_its_role_through_the_document(attributor):
    text = ("Acting Commissioner Rosa Vega toured the site. Vega said the building was unsafe. "
            "\"We will not let anyone back in tonight,\" she said.")
    result = attributor(text)
    assert [(q.speaker.name, q.speaker.role, q.speaker.organization) for q in result.quotes] == [
        ("Rosa Vega", "Acting Commissioner", None)] * 2
    (entity,) = result.entities
    assert len(entity.mentions) == 3


def test_a_continued_quote_shares_its_neighbours_attribution(attributor):
    text = ("\"We have made two arrests,\" she said. \"More may follow in the coming days.\"\n"
            "\"Nobody is above the law in this city, whatever they may think.\"")
    first, second, third = attributor(text).quotes
    assert (second.method, second.cue.text, second.speaker.mention.text) == ("direct:continued", "said", "she")
    assert (third.method, third.cue, third.speaker.mention) == ("direct:adjacent", None, None)
    assert first.speaker.entity == second.speaker.entity == third.speaker.entity


def test_a_list_item_after_a_comma_is_no_role(attributor):
    text = ("The forwards Dan Price, and Leo Marsh early in the game, had chances. "
            "\"We should have scored three,\" Dan Price said.")
    (quote,) = attributor(text).quotes
    assert (quote.speaker.name, quote.speaker.role) == ("Dan Price", None)


def test_organisation_speaker(attributor):
    result = attributor("The Pentagon said the exercise would go ahead.")
    (quote,) = result.quotes
    assert (quote.speaker.name, quote.speaker.kind) == ("Pentagon", "organization")


@pytest.mark.parametrize(("text", "speaker"), [
    ("Some of the members of the club said the vote was rigged.", "members of the club"),
    ('"It was rigged," said some of the members of the club.', "members of the club"),
    ("Each of the leaders of the two groups said they would meet again.", "leaders of the two groups"),
    ("All of the owners said the shop was sold.", "owners"),
], ids=["some-of-the", "said-some-of-the", "each-of-the", "all-of-the"])
def test_a_share_of_a_group_speaks_for_the_group(attributor, text, speaker):
    """The quantifier and its "of" are no part of the group (the words before the second "of" were empty,
    an IndexError)."""
    (quote,) = attributor(text).quotes
    assert (quote.speaker.name, quote.speaker.kind) == (speaker, "group")


@pytest.mark.parametrize("space", ["\u00a0", "  ", "\t"], ids=["no-break-space", "double-space", "tab"])
def test_an_organisation_spaced_two_ways_is_one(attributor, space):
    text = f'The White House said on Monday that it would act.\n"We are ready," the White{space}House said.'
    result = attributor(text)
    assert [q.speaker.kind for q in result.quotes] == ["organization", "organization"]
    assert len({q.speaker.entity for q in result.quotes}) == 1


@pytest.mark.parametrize("written", ["Ana <b>Ruiz</b>", "Ana\u00a0Ruiz", "Ana\tRuiz", "Ana  Ruiz"],
                         ids=["markup", "no-break-space", "tab", "double-space"])
def test_a_name_reads_the_same_however_it_is_spaced_or_marked_up(attributor, written):
    """One person under one name across an archive: markup and odd spaces are no part of it."""
    text = f'Mayor {written} opened the bridge.\n"We had no choice," Ruiz said.'
    (quote,) = attributor(text).quotes
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.entity) == ("Ana Ruiz", "Mayor", "ana-ruiz")


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor an\u00adnounced that the bridge would close.", [("indirect", "the bridge would close", "role:mayor")]),
    ("Ac\u00adcording to the mayor, the bridge will close.", [("indirect", "the bridge will close", "role:mayor")]),
    ('"We had no choice," Mayor Ana Ru\u00adiz said.', [("direct", "We had no choice,", "Ana Ruiz")]),
    ("The mayor an\u2060nounced that the bridge would close.", [("indirect", "the bridge would close", "role:mayor")]),
    ('"We had no choice," Mayor Ana Ru\u200biz said.', [("direct", "We had no choice,", "Ana Ruiz")]),
], ids=["in-a-verb", "in-according-to", "in-a-name", "word-joiner", "zero-width-space-in-a-name"])
def test_a_soft_hyphen_inside_a_word_is_no_part_of_it(attributor, text, expected):
    """HTML's &shy; marks where a word may break: "an\u00adnounced" is "announced" (it lost the quote); a
    zero-width space or word joiner inside a word is read as one."""
    assert _summary(attributor(text)) == expected


def test_offsets_point_into_the_original(attributor):
    text = "Intro line.\r\n\"We\u00a0won,\"\tsaid\u200b coach Ben Ode.\r\n"
    result = attributor(text)
    for quote in result.quotes:
        for span in quote.content:
            assert text[span.start:span.end] == span.text
        assert quote.speaker and text[quote.speaker.mention.start:quote.speaker.mention.end] == quote.speaker.mention.text


def test_to_dict_is_json(attributor):
    import json

    result = attributor('"We will win," said coach Ann Lee.')
    data = json.loads(json.dumps(result.to_dict()))
    assert data["quotes"][0]["speaker"]["name"] == "Ann Lee"
    assert data["quotes"][0]["content"][0]["text"] == "We will win,"


# -- sentences written out word by word, for the rules that read tags and parses ---------------------------

def _tagged(spec: str, lemma=str.lower):
    """Words from "text/UPOS/XPOS ...": a past or present tense or a modal is finite."""
    from quoteattr.parse import Word

    return [Word(index=i, text=t, start=0, end=0, upos=u, xpos=x, lemma=lemma(t),
                 feats="VerbForm=Fin" if x in ("VBD", "VBZ", "VBP", "MD") else "")
            for i, (t, u, x) in enumerate(item.split("/") for item in spec.split())]


def _parsed(spec: str, finite: tuple[str, ...] = ()):
    """A parsed sentence from "text/UPOS/head/deprel ..." (heads are word indices, -1 the root)."""
    from quoteattr.parse import Word

    return _sentence([Word(index=i, text=t, start=0, end=0, upos=u, head=int(h), deprel=d, lemma=t.lower(),
                           feats="VerbForm=Fin" if t in finite else "")
                      for i, (t, u, h, d) in enumerate(item.split("/") for item in spec.split())])


def _sentence(words):
    from quoteattr.parse import Sentence

    return Sentence(index=0, paragraph=0, start=0, end=0, words=words, tagged=True, parsed=True)


def _cue(sentence, verb, lemma: str):
    from quoteattr.cues import Cue

    return Cue(sentence=sentence, word=verb, words=(verb,), lemma=lemma, kind="verb")


@pytest.mark.parametrize("tagged, expected", [
    ("Residents/NOUN/NNS complained/VERB/VBN of/ADP/IN a/DET/DT smell/NOUN/NN", "VBD"),
    ("The/DET/DT old/ADJ/JJ mill/NOUN/NN closed/VERB/VBN after/SCONJ/IN owners/NOUN/NNS left/VERB/VBD", "VBD"),
    ("Residents/NOUN/NNS interviewed/VERB/VBN on/ADP/IN Tuesday/PROPN/NNP said/VERB/VBD it/PRON/PRP", "VBN"),
    ("Protesters/NOUN/NNS arrested/VERB/VBN by/ADP/IN police/NOUN/NNS", "VBN"),
    ("He/PRON/PRP complained/VERB/VBN loudly/ADV/RB", "VBN"),
    ("The/DET/DT rule/NOUN/NN called/VERB/VBN for/ADP/IN a/DET/DT delay/NOUN/NN ,/PUNCT/, sources/NOUN/NNS "
     "said/VERB/VBD ./PUNCT/.", "VBD"),
], ids=["bare-participle", "before-a-subordinate-clause", "reduced-relative", "passive-by", "after-a-pronoun",
        "before-a-closing-attribution"])
def test_a_bare_participle_after_the_opening_noun_phrase_is_a_past_tense(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged)
    retag(_sentence(words))
    assert next(w for w in words if w.upos == "VERB").xpos == expected


@pytest.mark.parametrize("tagged, expected", [
    ("Paris/PROPN/NNP claims/NOUN/NNS she/PRON/PRP was/AUX/VBD sent/VERB/VBN", "VERB"),
    ("though/SCONJ/IN Lynch/PROPN/NNP notes/NOUN/NNS they/PRON/PRP were/AUX/VBD", "VERB"),
    ("Acme/PROPN/NNP Corp./PROPN/NNP says/NOUN/NNS that/SCONJ/IN prices/NOUN/NNS rose/VERB/VBD", "VERB"),
    ("The/DET/DT claims/NOUN/NNS that/PRON/WDT they/PRON/PRP made/VERB/VBD", "NOUN"),
    ("Smith/PROPN/NNP 's/PART/POS claims/NOUN/NNS that/PRON/WDT were/AUX/VBD", "NOUN"),
    ("Union/PROPN/NNP claims/NOUN/NNS were/AUX/VBD rejected/VERB/VBN", "NOUN"),
    ("Bill/PROPN/NNP Clinton/PROPN/NNP calls/NOUN/NNS Obamacare/PROPN/NNP a/DET/DT mess/NOUN/NN", "VERB"),
    ("Trump/PROPN/NNP openly/ADV/RB admires/NOUN/NNS the/DET/DT general/NOUN/NN", "VERB"),
    ("Paris/PROPN/NNP talks/NOUN/NNS they/PRON/PRP attended/VERB/VBD", "NOUN"),
    ("Smith/PROPN/NNP claims/NOUN/NNS of/ADP/IN abuse/NOUN/NN", "NOUN"),
    ("Mohamed/PROPN/NNP wishes/NOUN/NNS to/PART/TO use/VERB/VB his/PRON/PRP$ fame/NOUN/NN", "VERB"),
    ("the/DET/DT Paris/PROPN/NNP plans/NOUN/NNS to/PART/TO expand/VERB/VB stalled/VERB/VBD", "NOUN"),
    ("Smith/PROPN/NNP trips/NOUN/NNS to/ADP/IN Brussels/PROPN/NNP", "NOUN"),
    ("In/ADP/IN addition/NOUN/NN ,/PUNCT/, the/DET/DT campaign/NOUN/NN plans/NOUN/NNS to/PART/TO make/VERB/VB "
     "records/NOUN/NNS public/ADJ/JJ", "VERB"),
], ids=["after-the-opening-name", "after-a-conjunction", "before-that", "after-a-determiner", "after-a-possessive",
        "no-clause-after", "naming-verb", "any-verb-after-a-manner-adverb", "not-a-listed-verb",
        "before-a-preposition", "any-verb-before-an-infinitive", "infinitive-then-a-finite-verb",
        "to-a-place", "infinitive-after-an-opening-noun-phrase"])
def test_a_listed_verb_read_as_a_plural_noun_after_a_name_is_the_verb(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged, lemma=lambda t: t.lower().removesuffix("s"))
    retag(_sentence(words))
    assert words[[i for i, w in enumerate(words) if w.xpos in ("NNS", "VBZ")][0]].upos == expected


def _reporting_lemma(text: str) -> str:
    return {"said": "say", "told": "tell", "asking": "ask"}.get(text, text.lower().removesuffix("s"))


@pytest.mark.parametrize("tagged, expected", [
    ("Officials/NOUN/NNS said/VERB/VBD Mohamed/PROPN/NNP wishes/NOUN/NNS to/PART/TO go/VERB/VB", "VERB"),
    ("Officials/NOUN/NNS met/VERB/VBD Mohamed/PROPN/NNP wishes/NOUN/NNS to/PART/TO go/VERB/VB", "NOUN"),
    ("Towns/NOUN/NNS began/VERB/VBD asking/VERB/VBG religious/ADJ/JJ wishes/NOUN/NNS to/PART/TO go/VERB/VB", "NOUN"),
], ids=["after-a-reporting-verb", "after-another-verb", "the-adjectives-noun"])
def test_a_name_right_after_a_reporting_verb_opens_its_clause(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged, lemma=_reporting_lemma)
    retag(_sentence(words))
    assert next(w for w in words if w.lower == "wishes").upos == expected


@pytest.mark.parametrize("tagged, expected", [
    ("plans/NOUN/NNS to/PART/TO raise/VERB/VB taxes/NOUN/NNS on/ADP/IN the/DET/DT rich/ADJ/JJ and/CCONJ/CC "
     "give/VERB/VBP tax/NOUN/NN breaks/NOUN/NNS", "VB"),
    ("plans/NOUN/NNS to/PART/TO raise/VERB/VB taxes/NOUN/NNS and/CCONJ/CC they/PRON/PRP give/VERB/VBP "
     "nothing/PRON/NN", "VBP"),
    ("We/PRON/PRP raise/VERB/VBP taxes/NOUN/NNS and/CCONJ/CC give/VERB/VBP breaks/NOUN/NNS", "VBP"),
    ("a/DET/DT plan/NOUN/NN to/PART/TO cut/VERB/VB costs/NOUN/NNS that/PRON/WDT workers/NOUN/NNS fear/VERB/VBP "
     "and/CCONJ/CC give/VERB/VBP up/ADP/RP", "VBP"),
    ("plans/NOUN/NNS to/PART/TO raise/VERB/VB taxes/NOUN/NNS and/CCONJ/CC give/VERB/VB breaks/NOUN/NNS", "VB"),
], ids=["after-an-infinitive", "own-subject", "after-a-finite-verb", "after-a-relative-clause", "imperative"])
def test_a_present_form_coordinated_with_an_infinitive_is_one(tagged, expected):
    from quoteattr.mentions import finite
    from quoteattr.retag import retag

    words = _tagged(tagged)
    for word in words:
        if word.xpos == "VB":
            word.feats = "Mood=Imp|VerbForm=Fin" if word.lower == "give" else "VerbForm=Inf"
    retag(_sentence(words))
    give = next(w for w in words if w.lower == "give")
    assert give.xpos == expected and finite(give) == (expected == "VBP")


@pytest.mark.parametrize("tagged, expected", [
    ("She/PRON/PRP then/ADV/RB urges/NOUN/NNS her/PRON/PRP$ husband/NOUN/NN to/PART/TO stop/VERB/VB", "VERB"),
    ("It/PRON/PRP warns/NOUN/NNS of/ADP/IN delays/NOUN/NNS", "VERB"),
    ("She/PRON/PRP resisted/VERB/VBD her/PRON/PRP$ urges/NOUN/NNS", "NOUN"),
    ("They/PRON/PRP felt/VERB/VBD the/DET/DT urges/NOUN/NNS", "NOUN"),
], ids=["after-she-and-an-adverb", "after-it", "after-a-possessive", "after-a-determiner"])
def test_an_s_form_after_he_she_or_it_is_its_verb(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged)
    retag(_sentence(words))
    assert next(w for w in words if w.lower in ("urges", "warns")).upos == expected


@pytest.mark.parametrize("tagged, expected", [
    ("Trump/PROPN/NNP is/AUX/VBZ warning/NOUN/NN voters/NOUN/NNS that/SCONJ/IN", ("VERB", "VBG", "warn")),
    ("He/PRON/PRP was/AUX/VBD arguing/NOUN/NN that/SCONJ/IN", ("VERB", "VBG", "argue")),
    ("He/PRON/PRP was/AUX/VBD agreeing/NOUN/NN that/SCONJ/IN", ("VERB", "VBG", "agree")),
    ("The/DET/DT sign/NOUN/NN is/AUX/VBZ a/DET/DT warning/NOUN/NN", ("NOUN", "NN", "warning")),
    ("The/DET/DT problem/NOUN/NN is/AUX/VBZ housing/NOUN/NN", ("NOUN", "NN", "housing")),
    ("leaders/NOUN/NNS backed/VERB/VBD it/PRON/PRP ,/PUNCT/, warning/NOUN/NN that/SCONJ/IN", ("VERB", "VBG", "warn")),
    ("leaders/NOUN/NNS backed/VERB/VBD it/PRON/PRP ,/PUNCT/, a/DET/DT warning/NOUN/NN", ("NOUN", "NN", "warning")),
], ids=["after-is", "e-dropped", "ee-kept", "after-a-determiner", "not-a-reporting-verb", "after-a-comma",
        "after-a-comma-and-a-determiner"])
def test_a_reporting_verbs_ing_form_after_be_is_its_progressive(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged, lemma=lambda t: "be" if t in ("is", "was") else t.lower())
    retag(_sentence(words))
    found = next(w for w in words if w.lower.endswith("ing"))
    assert (found.upos, found.xpos, found.lemma) == expected


@pytest.mark.parametrize("tagged, expected", [
    ("Said/PROPN/NNP Ellis/PROPN/NNP :/PUNCT/: ``/PUNCT/`` I/PRON/PRP agree/VERB/VBP", ("VERB", "VBD", "say")),
    ("Adds/NOUN/NNS the/DET/DT mayor/NOUN/NN ,/PUNCT/, ``/PUNCT/`` We/PRON/PRP agree/VERB/VBP", ("VERB", "VBZ", "add")),
    ("Said/PROPN/NNP met/VERB/VBD Ellis/PROPN/NNP ,/PUNCT/, a/DET/DT friend/NOUN/NN", ("PROPN", "NNP", "said")),
    ("Said/PROPN/NNP ,/PUNCT/, a/DET/DT scholar/NOUN/NN ,/PUNCT/, wrote/VERB/VBD", ("PROPN", "NNP", "said")),
], ids=["before-a-name-and-colon", "before-a-noun-phrase-and-comma", "a-name-before-a-verb", "a-name-alone"])
def test_an_inflected_reporting_verb_opening_the_sentence_before_a_name_is_the_verb(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged)
    retag(_sentence(words))
    assert (words[0].upos, words[0].xpos, words[0].lemma) == expected


@pytest.mark.parametrize("tagged, expected", [
    ("It/PRON/PRP is/AUX/VBZ fine/ADJ/JJ ,/PUNCT/, Water/NOUN/NN said/VERB/VBD ./PUNCT/.", "PROPN"),
    ("It/PRON/PRP is/AUX/VBZ fine/ADJ/JJ ''/PUNCT/'' Water/NOUN/NN told/VERB/VBD us/PRON/PRP", "PROPN"),
    ("It/PRON/PRP is/AUX/VBZ fine/ADJ/JJ ,/PUNCT/, the/DET/DT Water/NOUN/NN said/VERB/VBD", "NOUN"),
    ("Water/NOUN/NN said/VERB/VBD it/PRON/PRP is/AUX/VBZ fine/ADJ/JJ", "NOUN"),
    ("It/PRON/PRP is/AUX/VBZ fine/ADJ/JJ ,/PUNCT/, Water/NOUN/NN flows/VERB/VBZ", "NOUN"),
    ("It/PRON/PRP is/AUX/VBZ fine/ADJ/JJ ,/PUNCT/, water/NOUN/NN said/VERB/VBD", "NOUN"),
], ids=["after-a-comma", "after-a-closing-quote", "after-a-determiner", "opening-the-sentence",
        "not-a-reporting-verb", "lower-case"])
def test_a_capitalised_noun_alone_before_a_reporting_verb_is_a_name(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged, lemma=_reporting_lemma)
    retag(_sentence(words))
    assert next(w for w in words if w.lower == "water").upos == expected


@pytest.mark.parametrize("tagged, expected", [
    ("according/VERB/VBG to/PART/TO curator/VERB/VB Elaine/PROPN/NNP Gustafon/PROPN/NNP", ("ADP", "NOUN", "NN")),
    ("according/VERB/VBG to/PART/TO reports/VERB/VBZ in/ADP/IN the/DET/DT press/NOUN/NN", ("ADP", "NOUN", "NNS")),
    ("according/VERB/VBG to/ADP/IN police/NOUN/NNS", ("ADP", "NOUN", "NNS")),
    ("he/PRON/PRP wanted/VERB/VBD to/PART/TO curate/VERB/VB it/PRON/PRP", ("PART", "VERB", "VB")),
], ids=["title-read-as-an-infinitive", "plural-read-as-a-verb", "noun-kept", "no-according"])
def test_the_word_after_according_to_is_no_verb(tagged, expected):
    from quoteattr.retag import retag

    words = _tagged(tagged)
    retag(_sentence(words))
    to = next(i for i, w in enumerate(words) if w.lower == "to")
    assert (words[to].upos, words[to + 1].upos, words[to + 1].xpos) == expected


@pytest.mark.parametrize("text, expected", [
    ("are ‘a disaster’ for schools", "PUNCT"),
    ("the workers’ union", "PART"),
    ("Jesus’ words", "PART"),
], ids=["closing-quote", "possessive-after-s", "possessive-after-a-name-in-s"])
def test_a_lone_apostrophe_is_a_possessive_only_after_an_s(text, expected):
    from quoteattr.parse import Sentence, Word
    from quoteattr.retag import retag

    words, cursor = [], 0
    for piece in text.replace("’", " ’").split():
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        words.append(Word(index=len(words), text=piece, start=start, end=cursor,
                          upos="PART" if piece == "’" else "NOUN", xpos="POS" if piece == "’" else "NN",
                          lemma=piece.lower()))
    retag(Sentence(index=0, paragraph=0, start=0, end=len(text), words=words))
    assert next(w for w in words if w.text == "’").upos == expected


@pytest.mark.parametrize("parsed, expected", [
    ("He/PRON/1/nsubj said/VERB/-1/root that/SCONJ/4/mark it/PRON/4/nsubj failed/VERB/1/advcl", True),
    ("He/PRON/1/nsubj spoke/VERB/-1/root at/ADP/4/case a/DET/4/det base/NOUN/1/obl that/SCONJ/6/mark "
     "overlooks/VERB/1/advcl the/DET/8/det bay/NOUN/6/obj", False),
], ids=["that-and-a-subject", "relative-that-read-as-a-conjunction"])
def test_a_that_clause_the_parser_calls_adverbial_is_a_complement_unless_relative(parsed, expected):
    from quoteattr.quotes import _that_clause

    sentence = _parsed(parsed)
    assert _that_clause(sentence, next(w for w in sentence.words if w.deprel == "advcl")) is expected


@pytest.mark.parametrize("tagged, expected", [
    ("the/DET/DT union/NOUN/NN expected/VERB/VBD production/NOUN/NN to/PART/TO rise/VERB/VB", 2),
    ("the/DET/DT United/VERB/VBD States/PROPN/NNP Council/PROPN/NNP to/PART/TO help/VERB/VB", None),
], ids=["past-tense-after-a-noun-phrase", "capitalised-verb-inside-a-name"])
def test_the_verb_of_a_clause_read_off_the_words(tagged, expected):
    from quoteattr.quotes import _clause_verb

    assert _clause_verb(_tagged(tagged)) == expected


@pytest.mark.parametrize("tagged, expected", [
    ("police/NOUN/NNS must/AUX/MD tell/VERB/VB the/DET/DT federal/ADJ/JJ government/NOUN/NN when/ADV/WRB "
     "someone/PRON/NN dies/VERB/VBZ in/ADP/IN custody/NOUN/NN", None),
    ("He/PRON/PRP told/VERB/VBD the/DET/DT local/ADJ/JJ paper/NOUN/NN the/DET/DT plant/NOUN/NN would/AUX/MD "
     "close/VERB/VB soon/ADV/RB", "the plant would close soon"),
], ids=["hearer-then-adverbial-clause", "hearer-then-clause"])
def test_a_clause_read_off_the_words_after_the_hearer(tagged, expected):
    from quoteattr.quotes import _clause_after

    sentence = _sentence(_tagged(tagged))
    verb = next(w for w in sentence.words if w.lower in ("tell", "told"))
    found = _clause_after(sentence, _cue(sentence, verb, "tell"))
    assert (found and " ".join(w.text for w in found[0])) == expected


def test_a_clause_read_off_the_words_ends_before_a_participle_clause():
    from quoteattr.quotes import _clause_after

    tagged = ("architect/NOUN/NN who/PRON/WP said/VERB/VBD he/PRON/PRP was/AUX/VBD stiffed/VERB/VBN on/ADP/IN "
              "the/DET/DT job/NOUN/NN ,/PUNCT/, saying/VERB/VBG he/PRON/PRP lost/VERB/VBD money/NOUN/NN")
    sentence = _sentence(_tagged(tagged))
    found = _clause_after(sentence, _cue(sentence, sentence.words[2], "say"))
    assert " ".join(w.text for w in found[0]) == "he was stiffed on the job"


def test_a_clause_the_parser_hangs_on_a_postposed_verb_after_and_is_no_complement():
    from quoteattr.quotes import _complement

    parsed = ("It/PRON/2/nsubj will/AUX/2/aux take/VERB/-1/root a/DET/4/det month/NOUN/2/obj ,/PUNCT/7/punct "
              "he/PRON/7/nsubj said/VERB/2/parataxis ,/PUNCT/13/punct and/CCONJ/13/cc the/DET/11/det "
              "bridge/NOUN/13/nsubj could/AUX/13/aux stay/VERB/7/ccomp shut/ADJ/13/xcomp")
    sentence = _parsed(parsed)
    assert _complement(sentence, _cue(sentence, sentence.words[7], "say")) is None


@pytest.mark.parametrize("parsed", [
    "The/DET/2/det old/ADJ/2/amod mill/NOUN/6/nsubj is/AUX/6/cop near/ADP/6/case the/DET/6/det river/NOUN/-1/root "
    ",/PUNCT/12/punct which/PRON/12/obj ,/PUNCT/12/punct the/DET/11/det mayor/NOUN/12/nsubj said/VERB/6/parataxis "
    ",/PUNCT/14/punct floods/VERB/6/parataxis every/DET/16/det spring/NOUN/14/obj ./PUNCT/6/punct",
    "The/DET/2/det old/ADJ/2/amod mill/NOUN/6/nsubj is/AUX/6/cop near/ADP/6/case the/DET/6/det river/NOUN/-1/root "
    ",/PUNCT/14/punct which/PRON/14/nsubj ,/PUNCT/12/punct the/DET/11/det mayor/NOUN/12/nsubj said/VERB/14/advcl "
    ",/PUNCT/12/punct floods/VERB/6/acl:relcl every/DET/16/det spring/NOUN/14/obj ./PUNCT/6/punct",
], ids=["parataxis-holding-the-relative-word", "comma-after-the-relative-word"])
def test_an_attribution_inside_a_relative_clause_reports_no_clause_before_it(parsed):
    from quoteattr.quotes import _postposed_clause

    sentence = _parsed(parsed, finite=("is", "said", "floods"))
    assert _postposed_clause(sentence, _cue(sentence, sentence.words[12], "say")) is None


@pytest.mark.parametrize("parsed, expected", [
    ("a/DET/1/det smell/NOUN/-1/root that/PRON/6/nsubj:pass inspector/NOUN/5/compound Karl/PROPN/5/compound "
     "Ivers/PROPN/6/nsubj:pass described/VERB/1/acl:relcl as/ADP/6/mark", True),
    ("told/VERB/-1/root the/DET/2/det leaders/NOUN/0/obj that/PRON/6/obj few/ADJ/5/amod people/NOUN/6/nsubj "
     "understood/VERB/2/acl:relcl the/DET/8/det stakes/NOUN/6/obj", False),
], ids=["argument-of-a-relative-clause-missing-it", "relative-clause-with-an-object-of-its-own"])
def test_that_after_a_noun_with_a_parsed_relative_clause(parsed, expected):
    from quoteattr.quotes import _relative_that

    sentence = _parsed(parsed)
    assert _relative_that(sentence, next(w for w in sentence.words if w.text == "that")) is expected


def test_that_after_a_name_opens_no_relative_clause_even_where_the_parser_reads_one():
    from quoteattr.quotes import _relative_that

    parsed = ("Trump/PROPN/1/nsubj said/VERB/-1/root at/ADP/4/case an/DET/4/det event/NOUN/1/obl in/ADP/7/case "
              "Colorado/PROPN/7/compound Springs/PROPN/4/nmod that/PRON/14/obj \"/PUNCT/11/punct a/DET/11/det "
              "bomb/NOUN/14/nsubj \"/PUNCT/11/punct had/AUX/14/aux gone/VERB/7/acl:relcl off/ADP/14/compound:prt")
    sentence = _parsed(parsed)
    assert _relative_that(sentence, sentence.words[8]) is False


@pytest.mark.parametrize("parsed, expected", [
    # the parser hangs the relative clause on the main clause, apart from "which" and the attribution
    ("The/DET/1/det park/NOUN/2/nsubj is/AUX/-1/root near/ADP/5/case the/DET/5/det stadium/NOUN/2/obl ,/PUNCT/9/punct "
     "which/PRON/9/obj ,/PUNCT/7/punct Tompkins/PROPN/9/nsubj said/VERB/2/parataxis ,/PUNCT/13/punct is/AUX/13/cop "
     "usually/ADV/13/advmod full/ADJ/2/parataxis of/ADP/15/case fans/NOUN/13/obl ./PUNCT/2/punct",
     "is usually full of fans"),
    ("The/DET/1/det park/NOUN/2/nsubj is/AUX/-1/root near/ADP/5/case the/DET/5/det stadium/NOUN/2/obl ,/PUNCT/9/punct "
     "and/CCONJ/9/cc ,/PUNCT/7/punct Tompkins/PROPN/9/nsubj said/VERB/2/conj ,/PUNCT/13/punct is/AUX/13/cop "
     "usually/ADV/13/advmod full/ADJ/2/parataxis of/ADP/15/case fans/NOUN/13/obl ./PUNCT/2/punct", None),
], ids=["after-which", "after-no-relative-word"])
def test_an_attribution_between_commas_after_a_relative_word_reports_the_clause_after_it(parsed, expected):
    from quoteattr.quotes import _interposed

    sentence = _parsed(parsed, finite=("is", "said"))
    found = _interposed(sentence, _cue(sentence, sentence.words[10], "say"))
    assert (found and " ".join(w.text for w in found[0])) == expected


@pytest.mark.parametrize("tagged, expected", [
    ("many/ADJ/JJ of/ADP/IN whom/PRON/WP say/VERB/VBP the/DET/DT president/NOUN/NN ’s/PART/POS claims/NOUN/NNS "
     "about/ADP/IN retaliation/NOUN/NN from/ADP/IN other/ADJ/JJ foreign/ADJ/JJ governments/NOUN/NNS are/AUX/VBP "
     "unfounded/ADJ/JJ", "the president ’s claims about retaliation from other foreign governments are unfounded"),
    ("the/DET/DT specialist/NOUN/NN would/AUX/MD assert/VERB/VB his/PRON/PRP$ rights/NOUN/NNS in/ADP/IN "
     "response/NOUN/NN to/ADP/IN any/DET/DT questions/NOUN/NNS that/PRON/WDT would/AUX/MD be/AUX/VB put/VERB/VBN",
     None),
], ids=["noun-phrase-with-prepositions-as-subject", "object-with-a-relative-clause"])
def test_a_clause_read_off_the_words_may_have_a_long_noun_phrase_as_subject(tagged, expected):
    from quoteattr.quotes import _clause_after

    sentence = _sentence(_tagged(tagged))
    verb = next(w for w in sentence.words if w.lower in ("say", "assert"))
    found = _clause_after(sentence, _cue(sentence, verb, verb.lower))
    assert (found and " ".join(w.text for w in found[0])) == expected


def test_a_subject_the_parser_takes_from_the_reported_clause_is_not_the_speaker():
    from quoteattr.mentions import speaker_words

    parsed = ("he/PRON/1/nsubj appeared/VERB/-1/root to/PART/3/mark suggest/VERB/1/xcomp that/SCONJ/8/mark "
              "veterans/NOUN/3/nsubj who/PRON/7/nsubj suffer/VERB/5/acl:relcl might/AUX/8/aux struggle/VERB/3/ccomp")
    sentence = _parsed(parsed, finite=("appeared", "suffer", "might"))
    assert [w.text for w in speaker_words(_cue(sentence, sentence.words[3], "suggest")).words] == ["he"]


@pytest.mark.parametrize("tagged, lemma, expected", [
    ("Cyril/PROPN/NNP explained/VERB/VBD how/ADV/WRB important/ADJ/JJ it/PRON/PRP is/AUX/VBZ to/PART/TO "
     "combat/VERB/VB this/DET/DT narrative/NOUN/NN", "explain", "how important it is to combat this narrative"),
    ("He/PRON/PRP told/VERB/VBD reporters/NOUN/NNS why/ADV/WRB the/DET/DT plan/NOUN/NN failed/VERB/VBD",
     "tell", "why the plan failed"),
    ("papers/NOUN/NNS tell/VERB/VBP readers/NOUN/NNS how/ADV/WRB to/PART/TO vote/VERB/VB but/CCONJ/CC "
     "they/PRON/PRP care/VERB/VBP", "tell", None),
    ("no/DET/DT way/NOUN/NN to/PART/TO tell/VERB/VB how/ADV/WRB many/ADJ/JJ we/PRON/PRP served/VERB/VBD",
     "tell", None),
    ("no/DET/DT way/NOUN/NN to/PART/TO estimate/VERB/VB how/ADV/WRB many/ADJ/JJ we/PRON/PRP served/VERB/VBD",
     "estimate", None),
], ids=["explain-how", "told-the-hearer-why", "how-to-is-no-clause", "tell-without-a-hearer", "not-a-verb-of-telling"])
def test_an_embedded_question_after_a_verb_of_telling_is_what_was_told(tagged, lemma, expected):
    from quoteattr.quotes import _clause_after

    sentence = _sentence(_tagged(tagged))
    verb = next(w for w in sentence.words if w.upos == "VERB" and w.xpos != "VB" or w.lower == lemma)
    found = _clause_after(sentence, _cue(sentence, verb, lemma))
    assert (found and " ".join(w.text for w in found[0])) == expected


@pytest.mark.parametrize("parsed, expected", [
    ("She/PRON/1/nsubj said/VERB/-1/root fathers/NOUN/1/obj and/CCONJ/4/cc parents/NOUN/2/conj who/PRON/6/nsubj "
     "adopt/VERB/4/acl:relcl would/AUX/10/aux not/PART/10/advmod be/AUX/10/cop eligible/ADJ/1/ccomp",
     "fathers and parents who adopt would not be eligible"),
    ("She/PRON/1/nsubj said/VERB/-1/root it/PRON/1/obj rained/VERB/1/parataxis they/PRON/6/nsubj would/AUX/6/aux "
     "stay/VERB/1/ccomp", "they would stay"),
], ids=["subject-with-a-relative-clause", "another-clause-between"])
def test_a_clause_the_parser_split_from_its_subject_starts_right_after_the_verb(parsed, expected):
    from quoteattr.quotes import _from_the_cue

    sentence = _parsed(parsed, finite=("said", "adopt", "would", "rained"))
    clause = sentence.subtree(next(w for w in sentence.words if w.deprel == "ccomp"))
    words = _from_the_cue(sentence, _cue(sentence, sentence.words[1], "say"), clause)
    assert " ".join(w.text for w in words) == expected


def test_an_ing_form_is_never_finite_whatever_its_features_say():
    from quoteattr.mentions import finite
    from quoteattr.parse import Word

    def word(xpos, feats):
        return Word(index=0, text="suing", start=0, end=5, upos="VERB", xpos=xpos, feats=feats, lemma="sue")

    assert not finite(word("VBG", "VerbForm=Fin"))
    assert finite(word("VBD", "VerbForm=Fin")) and finite(word("VBZ", ""))


def test_a_postposed_verb_whose_subject_follows_it_to_the_end_closes_the_sentence():
    from quoteattr.quotes import _postposed_clause

    parsed = ("The/DET/1/det meeting/NOUN/2/nsubj failed/VERB/8/ccomp ,/PUNCT/6/punct and/CCONJ/6/cc it/PRON/6/nsubj "
              "ended/VERB/2/conj ,/PUNCT/8/punct said/VERB/-1/root one/NUM/10/nummod source/NOUN/8/nsubj "
              "./PUNCT/8/punct")
    sentence = _parsed(parsed, finite=("failed", "ended", "said"))
    found = _postposed_clause(sentence, _cue(sentence, sentence.words[8], "say"))
    assert found and " ".join(w.text for w in found[0]) == "The meeting failed , and it ended ,"


@pytest.mark.parametrize("parsed, lemma, expected", [
    ("The/DET/3/det average/ADJ/3/amod weekly/ADJ/3/amod benefit/NOUN/9/nsubj ,/PUNCT/3/punct it/PRON/6/nsubj "
     "says/VERB/9/parataxis ,/PUNCT/6/punct would/AUX/9/aux be/AUX/9/cop high/ADJ/-1/root", "say",
     "The average weekly benefit would be high"),
    ("The/DET/1/det hit/NOUN/9/nsubj ,/PUNCT/3/punct we/PRON/4/nsubj observed/VERB/9/parataxis from/ADP/7/case "
     "the/DET/7/det line/NOUN/4/obl ,/PUNCT/4/punct was/AUX/10/cop the/DET/10/det booth/NOUN/-1/root", "observe", ""),
], ids=["noun-phrase-then-attribution-then-verb", "seen-not-said"])
def test_an_attribution_between_commas_inside_its_clause(parsed, lemma, expected):
    from quoteattr.quotes import _interposed

    sentence = _parsed(parsed, finite=("says", "would", "observed", "was"))
    verb = next(w for w in sentence.words if w.text in ("says", "observed"))
    words, how = _interposed(sentence, _cue(sentence, verb, lemma))
    assert (how, " ".join(w.text for w in words)) == ("interposed", expected)


def test_a_share_of_a_group_before_the_verb_is_the_speaker():
    from quoteattr.mentions import speaker_words

    parsed = ("families/NOUN/-1/root ,/PUNCT/4/punct many/ADJ/5/nsubj of/ADP/3/case whom/PRON/2/nmod "
              "say/VERB/0/acl:relcl it/PRON/7/nsubj failed/VERB/5/ccomp")
    sentence = _parsed(parsed, finite=("say", "failed"))
    sentence.words[2].head = 7  # the parser hung "many" on the reported clause
    found = speaker_words(_cue(sentence, sentence.words[5], "say"))
    assert [w.text for w in found.words] == ["many", "of", "whom"]


def test_a_report_hung_on_a_reported_clause_without_an_agent_is_the_first_reporters():
    """'China said it was opposed to the test and warned Korea to stop': the parser coordinated "warned" with
    the passive reported clause; its speaker is the one who said it."""
    from quoteattr.mentions import speaker_words

    parsed = ("China/PROPN/1/nsubj said/VERB/-1/root it/PRON/4/nsubj:pass was/AUX/4/aux:pass opposed/VERB/1/ccomp "
              "to/ADP/7/case the/DET/7/det test/NOUN/4/obl and/CCONJ/9/cc warned/VERB/4/conj Korea/PROPN/9/obj "
              "to/PART/12/mark stop/VERB/9/xcomp")
    sentence = _parsed(parsed, finite=("said", "was", "warned"))
    sentence.words[1].lemma, sentence.words[9].lemma = "say", "warn"
    found = speaker_words(_cue(sentence, sentence.words[9], "warn"))
    assert [w.text for w in found.words] == ["China"]


def test_an_appositive_after_the_postposed_speaker_is_no_complement_for_its_relative_clause():
    """', said Ann Lee, a senior adviser who runs it': the verbs of the relative clause make no clause of
    the appositive the parser hung on the reporting verb."""
    from quoteattr.quotes import _complement

    parsed = ("It/PRON/2/nsubj could/AUX/2/aux start/VERB/3/ccomp said/VERB/-1/root Ann/PROPN/3/nsubj "
              "Lee/PROPN/4/flat ,/PUNCT/9/punct a/DET/9/det senior/ADJ/9/amod adviser/NOUN/3/ccomp "
              "who/PRON/11/nsubj runs/VERB/9/acl:relcl it/PRON/11/obj")
    sentence = _parsed(parsed, finite=("could", "said", "runs"))
    assert _complement(sentence, _cue(sentence, sentence.words[3], "say")) is None


def test_a_complement_after_an_indefinite_pronoun_is_its_relative_clause():
    from quoteattr.quotes import _complement

    parsed = ("They/PRON/1/nsubj tell/VERB/-1/root the/DET/3/det agency/NOUN/1/obj anything/PRON/1/obj "
              "it/PRON/7/nsubj does/AUX/7/aux know/VERB/1/ccomp")
    sentence = _parsed(parsed, finite=("tell", "does"))
    assert _complement(sentence, _cue(sentence, sentence.words[1], "tell")) is None


def test_a_complement_the_parser_gave_the_speaker_starts_after_the_verb():
    import quoteattr.quotes as Q

    parsed = ("families/NOUN/-1/root ,/PUNCT/5/punct many/ADJ/9/nsubj of/ADP/4/case whom/PRON/2/nmod "
              "say/VERB/0/acl:relcl the/DET/7/det claims/NOUN/9/nsubj are/AUX/9/cop false/ADJ/5/ccomp")
    words = _parsed(parsed, finite=("say", "are")).words
    text = ""
    for word in words:
        text += ("" if not text else " ")
        word.start = len(text)
        text += word.text
        word.end = len(text)
    sentence = _sentence(words)
    sentence.start, sentence.end = 0, len(text)
    [candidate] = Q.indirect_quotes(text, [sentence], [], set())
    assert [text[s:e] for s, e in candidate.spans] == ["the claims are false"]


def test_a_reporting_verb_the_parser_hung_on_the_main_verb_after_it_reports_that_clause():
    from quoteattr.quotes import _clause_it_hangs_on

    parsed = ("experts/NOUN/1/nsubj say/VERB/8/advcl her/PRON/3/nmod:poss plans/NOUN/1/obj to/PART/5/mark "
              "raise/VERB/3/acl taxes/NOUN/5/obj would/AUX/8/aux make/VERB/-1/root it/PRON/8/obj "
              "harder/ADJ/8/xcomp")
    sentence = _parsed(parsed, finite=("say", "would"))
    found = _clause_it_hangs_on(sentence, _cue(sentence, sentence.words[1], "say"))
    assert found and " ".join(w.text for w in found[0]) == "her plans to raise taxes would make it harder"


def test_an_as_clause_closing_the_sentence_attributes_the_clause_before_it():
    from quoteattr.quotes import _complement, _postposed_clause

    parsed = ("It/PRON/2/nsubj does/AUX/2/aux answer/VERB/-1/root whether/SCONJ/5/mark Scott/PROPN/5/nsubj "
              "had/VERB/2/advcl a/DET/7/det gun/NOUN/5/obj ,/PUNCT/12/punct as/ADP/10/case police/NOUN/12/nsubj "
              "have/AUX/12/aux said/VERB/2/ccomp ./PUNCT/2/punct")
    sentence = _parsed(parsed, finite=("does", "had", "have"))
    found = _complement(sentence, _cue(sentence, sentence.words[2], "answer"))
    assert found is None or next(w for w in found[0] if w.upos != "PUNCT").text != "as"  # no complement: 'as police …'
    found = _postposed_clause(sentence, _cue(sentence, sentence.words[12], "say"))
    assert found and " ".join(w.text for w in found[0]) == "It does answer whether Scott had a gun ,"


def test_an_opening_mark_the_parser_hung_before_the_clause_goes_back_into_it():
    from quoteattr.quotes import _from_the_cue

    parsed = ("Flynn/PROPN/1/nsubj says/VERB/-1/root Trump/PROPN/1/obj '/PUNCT/2/punct absolutely/ADV/5/advmod "
              "right/ADJ/1/ccomp '/PUNCT/5/punct")
    sentence = _parsed(parsed, finite=("says",))
    clause = sentence.subtree(sentence.words[5])
    words = _from_the_cue(sentence, _cue(sentence, sentence.words[1], "say"), clause)
    assert " ".join(w.text for w in words) == "Trump ' absolutely right '"


@pytest.mark.parametrize("verb", ["mention", "reference"])
def test_verbs_that_name_what_was_said_are_reporting_verbs(verb):
    from quoteattr.cues import verb_forms

    assert verb_forms().get(verb) == verb


@pytest.mark.parametrize("coordinated_with, expected", [(1, "that Machado was rude"),
                                                       (5, "that Machado was rude and lost many fans")],
                         ids=["the-reporting-verb", "the-reported-verb"])
def test_a_reported_clause_ends_before_the_reporters_next_act(coordinated_with, expected):
    """'tweeted that Machado was rude and lost many fans': "and" before a verb the parser coordinates with
    the reporting verb ends the clause read off the words; one coordinated inside the clause goes on with
    it."""
    from quoteattr.quotes import _complement

    parsed = (f"Trump/PROPN/1/nsubj tweeted/VERB/-1/root that/SCONJ/5/mark Machado/PROPN/5/nsubj was/AUX/5/cop "
              f"rude/ADJ/1/parataxis and/CCONJ/7/cc lost/VERB/{coordinated_with}/conj many/ADJ/9/amod fans/NOUN/7/obj")
    sentence = _parsed(parsed, finite=("tweeted", "was", "lost"))
    words, _ = _complement(sentence, _cue(sentence, sentence.words[1], "tweet"))
    assert " ".join(w.text for w in words) == expected


def test_a_clause_runs_on_into_a_quotation_that_its_own_participle_introduces():
    from quoteattr.marks import QuotedRanges, QuotedStretch
    from quoteattr.quotes import _to_sentence_end

    parsed = ('Some/DET/1/det people/NOUN/2/nsubj reported/VERB/-1/root they/PRON/4/nsubj got/VERB/2/ccomp '
              'a/DET/6/det message/NOUN/4/obj stating/VERB/6/acl ,/PUNCT/2/punct "/PUNCT/2/punct '
              'Stay/VERB/2/parataxis away/ADV/10/advmod "/PUNCT/2/punct')
    words = _parsed(parsed, finite=("reported", "got")).words
    text = ""
    for word in words:
        text += "" if not text or word.text in ',' or text.endswith('"') and word.text != '"' else " "
        word.start = len(text)
        text += word.text
        word.end = len(text)
    sentence = _sentence(words)
    opening, closing = words[9].start, words[12].start
    ranges = QuotedRanges([QuotedStretch(open=opening, close=closing, start=opening + 1, end=closing, paragraph=0)])
    clause = _to_sentence_end(sentence, words[3:8], ranges, _cue(sentence, words[2], "report"))
    assert "Stay" in [w.text for w in clause]


@pytest.mark.parametrize("text, expected", [
    ('He said ok," For example, we can wait". Then he left.', ["For example, we can wait"]),
    ('"We will," he said. "Next we rebuild."', ["We will,", "Next we rebuild."]),
    ('<tweet author=" that we can wait" date="today">', []),
], ids=["comma-mark-space-capital", "closing-mark-after-a-comma", "a-mark-after-an-equals-sign"])
def test_a_straight_mark_after_a_comma_with_a_space_after_it_may_open(text, expected):
    from quoteattr.marks import find_quoted
    from quoteattr.segment import paragraphs

    assert [text[s.start:s.end] for s in find_quoted(text, paragraphs(text))] == expected


def test_a_second_report_the_parser_hung_on_the_first_ones_clause_has_the_first_ones_subject():
    from quoteattr.mentions import speaker_words

    parsed = ("They/PRON/1/nsubj claimed/VERB/-1/root Lee/PROPN/5/nsubj was/AUX/5/cop a/DET/5/det "
              "volunteer/NOUN/1/ccomp and/CCONJ/7/cc claim/VERB/5/conj she/PRON/9/nsubj lied/VERB/7/ccomp")
    sentence = _parsed(parsed, finite=("claimed", "was", "lied"))
    for word, xpos in zip(sentence.words, "PRP VBD NNP VBD DT NN CC VB PRP VBD".split()):
        word.xpos = xpos
    found = speaker_words(_cue(sentence, sentence.words[7], "claim"))
    assert [w.text for w in found.words] == ["They"]


def test_of_two_subjects_the_parser_gave_a_verb_after_a_comma_the_one_after_it_speaks():
    from quoteattr.mentions import speaker_words

    parsed = ("The/DET/1/det talks/NOUN/6/nsubj did/AUX/3/aux fail/VERB/6/ccomp ,/PUNCT/6/punct so/ADV/6/advmod "
              "said/VERB/-1/root one/NUM/9/nummod GOP/PROPN/9/compound source/NOUN/6/nsubj in/ADP/12/case "
              "the/DET/12/det room/NOUN/9/nmod ./PUNCT/6/punct")
    sentence = _parsed(parsed, finite=("did", "said"))
    sentence.words[5].text, sentence.words[5].upos = ",", "PUNCT"  # '..., said one GOP source in the room.'
    found = speaker_words(_cue(sentence, sentence.words[6], "say"))
    assert [w.text for w in found.words][:3] == ["one", "GOP", "source"]


def test_a_participle_after_a_comma_speaks_for_the_naming_verb_before_it():
    from quoteattr.mentions import speaker_words

    parsed = ("Ruiz/PROPN/1/nsubj criticized/VERB/-1/root the/DET/3/det press/NOUN/1/obj ,/PUNCT/5/punct "
              "saying/VERB/9/advcl ,/PUNCT/9/punct It/PRON/9/nsubj is/AUX/9/cop shameful/ADJ/1/parataxis")
    sentence = _parsed(parsed, finite=("criticized", "is"))
    for word, xpos in zip(sentence.words, "NNP VBD DT NN , VBG , PRP VBZ JJ".split()):
        word.xpos = xpos
    found = speaker_words(_cue(sentence, sentence.words[5], "say"))
    assert [w.text for w in found.words] == ["Ruiz"]


def test_a_that_right_after_the_verb_opens_the_clause_whatever_the_parser_hung_on_the_verb():
    from quoteattr.quotes import _complement

    parsed = ("Aides/NOUN/1/nsubj say/VERB/-1/root that/SCONJ/9/mark ,/PUNCT/5/punct by/ADP/5/case "
              "June/PROPN/1/obl ,/PUNCT/5/punct he/PRON/9/nsubj will/AUX/9/aux name/VERB/1/conj Beyer/PROPN/9/obj "
              ",/PUNCT/13/punct a/DET/13/det governor/NOUN/1/ccomp who/PRON/16/nsubj can/AUX/16/aux "
              "raise/VERB/13/acl:relcl cash/NOUN/16/obj")
    sentence = _parsed(parsed, finite=("say", "will", "can"))
    words, how = _complement(sentence, _cue(sentence, sentence.words[1], "say"))
    assert (how, words[0].text) == ("that-clause", "that")


def test_a_long_subject_read_off_the_words_may_be_coordinated():
    from quoteattr.quotes import _complement

    parsed = ("A/DET/1/det chairman/NOUN/2/nsubj says/VERB/-1/root President/PROPN/2/iobj Ann/PROPN/3/flat "
              "Lee/PROPN/3/flat and/CCONJ/13/cc the/DET/8/det party/NOUN/11/nmod:poss 's/PART/8/case "
              "senior/ADJ/11/amod leaders/NOUN/13/nsubj should/AUX/13/aux act/VERB/2/conj now/ADV/13/advmod")
    sentence = _parsed(parsed, finite=("says", "should"))
    words, how = _complement(sentence, _cue(sentence, sentence.words[2], "say"))
    assert (how, words[0].text, words[-1].text) == ("clause", "President", "now")


@pytest.mark.parametrize("parsed, expected", [
    ("The/DET/1/det senator/NOUN/2/nsubj got/VERB/-1/root Lee/PROPN/2/obj to/PART/5/mark admit/VERB/2/xcomp "
     "that/SCONJ/8/mark it/PRON/8/nsubj failed/VERB/5/ccomp", ["Lee"]),
    ("The/DET/1/det senator/NOUN/2/nsubj wanted/VERB/-1/root answers/NOUN/2/obj to/PART/5/mark admit/VERB/2/xcomp "
     "that/SCONJ/8/mark it/PRON/8/nsubj failed/VERB/5/ccomp", ["The", "senator"]),
    ("The/DET/1/det nominee/NOUN/2/nsubj continues/VERB/-1/root to/ADP/4/case insist/VERB/2/advcl "
     "that/SCONJ/7/mark he/PRON/7/nsubj paid/VERB/4/ccomp", ["The", "nominee"]),
], ids=["an-object-control-verb", "no-object-control", "an-infinitive-the-parser-reads-as-adverbial"])
def test_an_infinitives_speaker_is_who_controls_it(parsed, expected):
    from quoteattr.mentions import speaker_words

    sentence = _parsed(parsed, finite=("got", "wanted", "continues", "failed", "paid"))
    verb = next(w for w in sentence.words if w.text in ("admit", "insist"))
    verb.xpos = "VB"
    sentence.words[2].lemma = {"got": "get", "wanted": "want", "continues": "continue"}[sentence.words[2].text]
    assert [w.text for w in speaker_words(_cue(sentence, verb, verb.text)).words] == expected
