"""The demo content: five municipalities' international work, as plain data.

The policies are the municipalities' own adopted documents (Sollefteå, Strömsund,
Torsby, Motala, Sandviken), split into the policy body's blocks with the
documents' own headings and wording. Where a document has no heading of its own
for a passage, a plain structural heading is given ("Inledning", and for
Sandviken, whose policy has no headings at all, "Syfte", "Mål" and "Ansvar");
the text under it is the document's. Facts the documents do not give (decision
details of Sollefteå's policy, most twin towns' decision years) are left empty.

Twin town coordinates are the towns' approximate real positions. Departments'
responsible persons and all trip reports are fictional examples and say so.
"""

import datetime
from decimal import Decimal

from django.utils.html import escape

EXAMPLE_ROLE = "Internationell kontaktperson (exempeluppgift)"
EXAMPLE_NOTE = "Reserapporterna på den här demonstrationswebbplatsen är påhittade exempel."


def paragraphs(*texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def section(heading, *texts):
    return {"heading": heading, "text": paragraphs(*texts)}


def listing(heading, items, intro=()):
    return {"heading": heading, "intro": paragraphs(*intro), "items": list(items)}


def duties(heading, bodies, intro=()):
    return {
        "heading": heading,
        "intro": paragraphs(*intro),
        "bodies": [{"body": body, "duties": list(items)} for body, items in bodies],
    }


def example_department(name, person, email):
    return {
        "name": name,
        "responsible_name": person,
        "responsible_title": EXAMPLE_ROLE,
        "responsible_email": email,
    }


# The seeds name no departments for most municipalities: two common ones, with
# example people.
EXAMPLE_DEPARTMENTS = [
    example_department(
        "Kommunledningsförvaltningen",
        "Exempel Exempelsson",
        "exempel.exempelsson@example.se",
    ),
    example_department(
        "Barn- och utbildningsförvaltningen",
        "Exempla Exempeldotter",
        "exempla.exempeldotter@example.se",
    ),
]


def trip_index_intro(*texts):
    return paragraphs(*texts, EXAMPLE_NOTE)


SOLLEFTEA = {
    "slug": "solleftea",
    "municipality_name": "Sollefteå kommun",
    "intro": paragraphs(
        "Omvärldskontakter kan spela en viktig roll i utvecklingsarbetet för hela "
        "Sollefteå kommun.",
        "Här finns kommunens policy för internationella kontakter, kommunens vänorter "
        "och reserapporter från internationella resor.",
    ),
    "policy": {
        "title": "Policy för internationella kontakter 2019-2022",
        "fields": {
            "document_type": "policy",
            "decided_by": "council",
            "period_start_year": 2019,
            "period_end_year": 2022,
        },
        "body": [
            (
                "text",
                section(
                    "Inledning",
                    "Denna policy gäller för internationella kontakter och samarbeten. "
                    "Omvärldskontakter kan spela en viktig roll i utvecklingsarbetet för "
                    "hela Sollefteå kommun. Globalisering, specialisering, digitalisering "
                    "ställer hårdare krav på att hitta nya arbetssätt men också möjligheter "
                    "för näringslivet att verka på en internationell marknad.",
                    "Samtliga internationella utbyten ska planeras väl och bygga på "
                    "förväntad nytta för kommunen, verksamheten och medborgarna.",
                ),
            ),
            (
                "goals",
                listing(
                    "Syfte och mål",
                    [
                        "Stärka tillväxten i Sollefteå kommun",
                        "Bidra till att lokala företag kan växa på en internationell marknad",
                        "Öka möjligheterna till internationellt projektsamarbete inom de "
                        "områden där Sollefteå kommun har särskilda behov och "
                        "förutsättningar, t.ex. kompetensförsörjning och infrastruktur.",
                        "Att stötta internationella organisationer och partners att "
                        "arrangera möten och event i Sollefteå kommun",
                        "Samarbete med städer i nordiska länder ska bidra till konkreta "
                        "kunskaper och erfarenheter som kan användas i organisationen och "
                        "vara till nytta för medborgarna.",
                    ],
                    intro=[
                        "Det är viktigt att det internationella utbytet har ett tydligt och "
                        "avgränsat syfte och mål. Målen för Sollefteå kommuns internationella "
                        "engagemang ska vara,",
                    ],
                ),
            ),
            (
                "twin_towns",
                section(
                    "Vänorter",
                    "Sollefteå kommun har idag vänortsavtal med fyra städer. Dessa ska "
                    "utvärderas varje mandatperiod. Om ett vänortsavtal är inaktivt och inte "
                    "anses vara till nytta för kommunen, förenings- och näringslivet ska "
                    "avtalet sägas upp.",
                    "Vänorter under mandatperioden 2019-2022 är:",
                ),
            ),
            (
                "responsibilities",
                duties(
                    "Ansvarsfördelning",
                    [
                        (
                            "Kommunfullmäktige",
                            [
                                "Beslutar om internationell policy för Sollefteå kommun",
                                "Beslutar varje mandatperiod om vilka vänortsavtal som "
                                "Sollefteå kommun fortsatt ska ha",
                                "Samtliga internationella utbyten och resor ska redovisas till "
                                "kommunfullmäktige där det tydligt framgår vad utbytets syfte, "
                                "mål och resultat har varit.",
                            ],
                        ),
                        (
                            "Kommunstyrelsen",
                            [
                                "Samtliga resor till vänorter ska godkännas av kommunstyrelsen.",
                                "Internationella resor dyrare än 10.000 kr ska återrapporteras "
                                "till kommunstyrelsen. I återrapporteringen ska det tydligt "
                                "framgå syftet, mål och resultat av resan.",
                            ],
                        ),
                    ],
                ),
            ),
        ],
    },
    "twin_towns": {
        "intro": paragraphs(
            "Sollefteå kommun har idag vänortsavtal med fyra städer. Dessa ska utvärderas "
            "varje mandatperiod."
        ),
        "towns": [
            {
                "title": "Pöltsamaa",
                "slug": "poltsamaa",
                "official_name": "Pöltsamaa kommun",
                "country": "EE",
                "latitude": Decimal("58.652500"),
                "longitude": Decimal("25.970800"),
            },
            {
                "title": "Esashi",
                "slug": "esashi",
                "official_name": "Esashi kommun",
                "country": "JP",
            },
            {
                "title": "Nykarleby",
                "slug": "nykarleby",
                "official_name": "Nykarleby Stad",
                "country": "FI",
                "latitude": Decimal("63.522200"),
                "longitude": Decimal("22.530600"),
            },
            {
                "title": "Madison",
                "slug": "madison",
                "official_name": "Madison the City",
                "country": "US",
            },
        ],
        "description": paragraphs(
            "Vänort under mandatperioden 2019-2022 enligt Sollefteå kommuns policy för "
            "internationella kontakter."
        ),
    },
    "departments": EXAMPLE_DEPARTMENTS,
    "trip_reports": {
        "intro": trip_index_intro(
            "Samtliga internationella utbyten och resor ska redovisas till "
            "kommunfullmäktige där det tydligt framgår vad utbytets syfte, mål och "
            "resultat har varit.",
        ),
        "reports": [
            {
                "title": "Exempel: Vänortsbesök i Nykarleby",
                "slug": "exempel-vanortsbesok-i-nykarleby",
                "destination_twin_town": "nykarleby",
                "department": "Kommunledningsförvaltningen",
                "start_date": datetime.date(2024, 5, 14),
                "end_date": datetime.date(2024, 5, 16),
                "travellers_count": 3,
                "travellers_roles": "två förtroendevalda i kommunstyrelsen, en tjänsteperson",
                "purpose": "Påhittat exempel. Följa upp vänortssamarbetet med Nykarleby "
                "inför kommunfullmäktiges utvärdering av vänortsavtalen.",
                "goals": "Påhittat exempel. Komma överens om ett gemensamt projekt för "
                "skolor och föreningar under nästa år.",
                "results": "Påhittat exempel. En avsiktsförklaring om utbyte mellan "
                "gymnasieskolorna.",
                "total_cost": Decimal("8600.00"),
                "financing": "central_funds",
                "board_approval_date": datetime.date(2024, 4, 2),
                "board_approval_reference": "KS § 45 (exempel)",
                "reported_to_council_date": datetime.date(2024, 6, 17),
            },
            {
                "title": "Exempel: Studieresa till Bryssel om EU-projekt",
                "slug": "exempel-studieresa-till-bryssel",
                "destination_place": "Bryssel",
                "destination_country": "BE",
                "department": "Barn- och utbildningsförvaltningen",
                "start_date": datetime.date(2024, 9, 23),
                "end_date": datetime.date(2024, 9, 26),
                "travellers_count": 2,
                "travellers_roles": "en förvaltningschef, en utvecklingsstrateg",
                "purpose": "Påhittat exempel. Lära om EU-program för kompetensförsörjning.",
                "goals": "Påhittat exempel. Hitta två partner för en projektansökan.",
                "results": "Påhittat exempel. Kontakt med tre kommuner som planerar "
                "liknande projekt.",
                "total_cost": Decimal("18750.00"),
                "financing": "own_budget",
                "reported_to_board_date": datetime.date(2024, 10, 15),
                "reported_to_council_date": datetime.date(2024, 11, 25),
            },
            {
                "title": "Exempel: Nordiskt nätverksmöte i Trondheim",
                "slug": "exempel-natverksmote-i-trondheim",
                "destination_place": "Trondheim",
                "destination_country": "NO",
                "department": "Kommunledningsförvaltningen",
                "start_date": datetime.date(2025, 2, 11),
                "end_date": datetime.date(2025, 2, 12),
                "travellers_count": 1,
                "travellers_roles": "en tjänsteperson",
                "purpose": "Påhittat exempel. Utbyta erfarenheter med nordiska kommuner om "
                "infrastruktur.",
                "goals": "Påhittat exempel. Ta med konkreta arbetssätt hem till organisationen.",
                "results": "Påhittat exempel. Ett studiebesök i Sollefteå planeras.",
                "total_cost": Decimal("6200.00"),
                "financing": "own_budget",
                "reported_to_council_date": datetime.date(2025, 3, 24),
            },
        ],
    },
}

STROMSUND = {
    "slug": "stromsund",
    "municipality_name": "Strömsunds kommun",
    "intro": paragraphs(
        "Strömsund är en kommun i norra Europa som aktivt vill delta i det internationella "
        "samarbetet och EU-gemenskapen.",
        "Här finns kommunens internationella policy och reserapporter från internationella resor.",
    ),
    "policy": {
        "title": "Internationell policy",
        "fields": {
            "document_type": "policy",
            "id_number": "0:19",
            "version": "1.0",
            "decided_by": "council",
            "decision_date": datetime.date(2012, 12, 12),
            "minute_paragraph": "121",
        },
        "body": [
            (
                "text",
                section(
                    "Internationell policy för Strömsunds kommun",
                    "Strömsund är en kommun i norra Europa som aktivt vill delta i det "
                    "internationella samarbetet och EU-gemenskapen. Våra framgångsrika "
                    "företag riktar sig idag mot en världsmarknad. Våra skolor utvecklas "
                    "genom mångnationellt samarbete. Inom kultur och föreningsliv bedrivs ett "
                    "ansenligt mellanfolkligt utbyte. Kommunens tekniska verksamhet, liksom "
                    "vård och omsorg, byter erfarenheter med motsvarande verksamheter i andra "
                    "länder. Strömsunds kommun vill bidra till att detta arbete kan fortsätta "
                    "och förbättras.",
                ),
            ),
            (
                "purpose",
                section(
                    "Syfte",
                    "Den internationella policyns syfte är att skapa en plattform för "
                    "kommunens målinriktade arbete med de internationella frågorna. Genom "
                    "tydliga mål, val av verkningfulla samarbetsformer, en klar arbets- och "
                    "ansvarsfördelning samt program med bestämda prioriteringar ges "
                    "förutsättningar för ett framgångsrikt och effektivt internationellt "
                    "arbete.",
                ),
            ),
            (
                "goals",
                listing(
                    "Mål",
                    [
                        "skapa kanaler för företagskontakter och -etableringar",
                        "underlätta för kommunens företag att nå nya internationella marknader",
                        "marknadsföra kommunen som turistort och bosättningsort",
                        "ge den kommunala verksamheten nya kunskaper och erfarenheter",
                        "stärka en demokratisk och långsiktigt hållbar utveckling",
                        "öka förståelsen för andra kulturer",
                    ],
                    intro=[
                        "Allt internationellt arbete ska ha som utgångspunkt att långsiktigt "
                        "gynna kommunen, dess näringsliv och de kvinnor och män, flickor och "
                        "pojkar som bor i kommunen. I det sammanhanget är det särskilt "
                        "angeläget att kommunens internationella kontakter bidrar till att",
                    ],
                ),
            ),
            (
                "cooperation_forms",
                listing(
                    "Former för samarbete",
                    [
                        "medverkan i mångnationella projekt (framför allt inom ramen för "
                        "EU-program)",
                        "verksamhetsutvecklande kunskaps- och erfarenhetsutbyte",
                        "nätverksbyggande och affärsutvecklande utbyte",
                        "vänortssamarbete och samarbetsavtal",
                        "omvärldsbevakning och informationsspridning på hemmaplan",
                    ],
                    intro=[
                        "Kommunens internationella arbete utövas redan i dag i olika former. "
                        "För det långsiktiga internationella arbetet väljer kommunen att "
                        "prioritera",
                    ],
                ),
            ),
            (
                "responsibilities",
                duties(
                    "Organisation",
                    [
                        (
                            "Kommunstyrelsen",
                            [
                                "officiella kontakter med andra kommuner och regioner",
                                "planering, samordning och uppföljning av kommunens "
                                "internationella arbete",
                                "löpande omvärldsbevakning",
                            ],
                        ),
                    ],
                    intro=[
                        "Kommunstyrelsen svarar för det löpande internationella arbetet med "
                        "policyn som grund. Det innebär bl.a. att styrelsen svarar för",
                    ],
                ),
            ),
        ],
    },
    "departments": EXAMPLE_DEPARTMENTS,
    "trip_reports": {
        "intro": trip_index_intro(
            "Här redovisas kommunens internationella resor med syfte, mål och resultat.",
        ),
        "reports": [],
    },
}

TORSBY = {
    "slug": "torsby",
    "municipality_name": "Torsby kommun",
    "intro": paragraphs(
        "De internationella kontakterna ökar som en följd av allmän globalisering. Torsby "
        "kommun har mycket internationella kontakter.",
        "Här finns kommunens policy för internationella kontakter, kommunens vänorter "
        "och reserapporter från internationella resor.",
    ),
    "policy": {
        "title": "Torsby kommuns policy för internationella kontakter",
        "fields": {
            "document_type": "policy",
            "decided_by": "council",
            "decision_date": datetime.date(2004, 3, 25),
            "minute_paragraph": "18",
        },
        "body": [
            (
                "text",
                section(
                    "Inledning",
                    "De internationella kontakterna ökar som en följd av allmän "
                    "globalisering. Torsby kommun har mycket internationella kontakter och "
                    "det finns därför anledning att formulera en policy för internationella "
                    "frågor.",
                ),
            ),
            (
                "purpose",
                section(
                    "Syfte",
                    "Den internationella policyns syfte är att skapa en plattform för "
                    "kommunens arbete med de internationella frågorna. Internationella "
                    "kontakter är ett utvecklingsinstrument bland andra. De ska ses som "
                    "investeringar och prioriteras i förhållande till andra investeringar. "
                    "Det yttersta syftet med internationella kontakter är att långsiktigt "
                    "skapa ett mervärde för Torsby kommun och dess innevånare.",
                ),
            ),
            (
                "goals",
                listing(
                    "Mål",
                    [
                        "kommunens innevånare, medarbetare och förtroendevalda tillägnar sig "
                        "nya kunskaper och erfarenheter",
                        "tillvarata möjligheter till verksamhetsutveckling som "
                        "internationellt samarbete öppnar för exempelvis genom "
                        "delfinansiering ur EU-program",
                        "att bidra till marknadsföringen av Torsby",
                    ],
                    intro=[
                        "Målet för Torsby kommuns internationella engagemang är:",
                        "att främja demokrati och skapa kontakter över politiska och kulturella "
                        "gränser och därigenom verka för förståelse och förbrödring mellan folk "
                        "och kulturer",
                        "att utveckla den egna verksamheten genom att:",
                    ],
                ),
            ),
            (
                "priorities",
                listing(
                    "Övergripande prioriteringar",
                    [
                        "samarbetet inom Europa",
                        "ungdomars internationella utbyten skall prioriteras",
                        "samarbeten där etablerade kontakter kan tillvaratas",
                    ],
                ),
            ),
            (
                "text",
                {
                    "heading": "Arbetsformer",
                    "text": paragraphs(
                        "Torsbys internationella aktiviteter skall präglas av långsiktighet "
                        "och framförhållning.",
                        "Internationella kontakter skall således:",
                    )
                    + "<ul><li>planeras</li><li>budgeteras</li><li>dokumenteras</li>"
                    "<li>utvärderas</li></ul>"
                    + paragraphs(
                        "Varje förvaltning med ambitioner att ha internationella kontakter "
                        "skall ha en ansvarig för dessa kontakter inom förvaltningen.",
                    ),
                },
            ),
            (
                "responsibilities",
                duties(
                    "Ansvar och organisation",
                    [
                        (
                            "Kommunfullmäktige",
                            ["Kommunfullmäktige antar policyn för internationella frågor."],
                        ),
                        (
                            "Kommunstyrelsen",
                            [
                                "Ansvaret för den fortlöpande politiska behandlingen ligger hos "
                                "kommunstyrelsen.",
                                "Kommunstyrelsen utser ansvarig för internationella kontakter.",
                            ],
                        ),
                        (
                            "Kommittén",
                            [
                                "Ansvarig för internationella kontakter bildar tillsammans med "
                                "utbytesansvariga på respektive förvaltningar en kommitté.",
                                "Kommitténs uppgift är att samordna kommunens internationella "
                                "arbete.",
                            ],
                        ),
                    ],
                ),
            ),
            (
                "twin_towns",
                section(
                    "Vänortskontakter",
                    # The document adds "(Se faktarutan)": here the fact box is the list
                    # of twin towns that follows the text.
                    "Torsby har idag formella vänortsavtal med fem orter i Europa och på Påskön.",
                    "Vänortsavtalen innehåller inga ekonomiska förpliktelser och "
                    "vänortskontakter skall i övrigt behandlas som övriga internationella "
                    "kontakter. Inga nya vänortsavtal bör ingås. De vänorter där samarbetet "
                    "kan inriktas mot konkreta projekt eller där ett fungerande samarbete "
                    "finns skall prioriteras.",
                ),
            ),
            (
                "financing",
                section(
                    "Finansiering",
                    "Centrala pengar avsätts för att kunna finansiera vissa kostnader för "
                    "internationella kontakter. I övrigt är det respektive förvaltnings "
                    "ansvar att hantera och finansiera de internationella kontakterna.",
                    "I den mån internationella kontakter sker utanför de kommunala "
                    "förvaltningarna så skall varje åtagande för kommunen att finansiera, "
                    "representera eller på annat sätt bidra vara behandlat och säkerställt "
                    "innan projektet dras igång.",
                ),
            ),
            (
                "text",
                section(
                    "Sammanfattning",
                    "Den internationella policyns skall vara en gemensam plattform för "
                    "kommunens internationella kontakter. Nämndernas eget ansvar för "
                    "internationella kontakter skall understrykas. Det ingår i respektive "
                    "nämnds uppdrag att bevaka möjligheterna att starta internationella "
                    "samarbetsprojekt som kan ge mervärde till verksamhetsutvecklingen och "
                    "kompetens. Medel bör avsättas i budget för att möta ökade resursbehov "
                    "som en följd av medverkan i internationella projekt.",
                ),
            ),
        ],
    },
    "twin_towns": {
        "intro": paragraphs(
            "Inga nya vänortsavtal bör ingås. De vänorter där samarbetet kan inriktas mot "
            "konkreta projekt eller där ett fungerande samarbete finns skall prioriteras."
        ),
        # Land, vänort and the year of the municipal decision, from the policy's fact box.
        "towns": [
            {
                "title": "Påskön",
                "slug": "paskon",
                "country": "CL",
                "decision_year": 1987,
                "latitude": Decimal("-27.116700"),
                "longitude": Decimal("-109.350000"),
            },
            {
                "title": "Skjern",
                "slug": "skjern",
                "country": "DK",
                "decision_year": 1977,
                "latitude": Decimal("55.950000"),
                "longitude": Decimal("8.500000"),
            },
            {
                "title": "Rautalampi",
                "slug": "rautalampi",
                "country": "FI",
                "decision_year": 1992,
                "latitude": Decimal("62.623600"),
                "longitude": Decimal("26.833300"),
            },
            {
                "title": "Pernå",
                "slug": "perna",
                "country": "FI",
                "decision_year": 1977,
                "latitude": Decimal("60.450000"),
                "longitude": Decimal("26.050000"),
            },
            {
                "title": "Bömlo",
                "slug": "bomlo",
                "country": "NO",
                "decision_year": 1977,
                "latitude": Decimal("59.783300"),
                "longitude": Decimal("5.216700"),
            },
            {
                "title": "Grosskrotzenburg",
                "slug": "grosskrotzenburg",
                "country": "DE",
                "decision_year": 1965,
                "latitude": Decimal("50.083300"),
                "longitude": Decimal("8.983300"),
            },
        ],
        "description": paragraphs(
            "Vänort enligt Torsby kommuns policy för internationella kontakter, antagen av "
            "kommunfullmäktige 2004-03-25 § 18."
        ),
    },
    "departments": EXAMPLE_DEPARTMENTS,
    "trip_reports": {
        "intro": trip_index_intro(
            "Internationella kontakter skall planeras, budgeteras, dokumenteras och utvärderas.",
        ),
        "reports": [
            {
                "title": "Exempel: Ungdomsutbyte med vänorten Skjern",
                "slug": "exempel-ungdomsutbyte-med-skjern",
                "destination_twin_town": "skjern",
                "department": "Barn- och utbildningsförvaltningen",
                "start_date": datetime.date(2025, 4, 7),
                "end_date": datetime.date(2025, 4, 10),
                "travellers_count": 12,
                "travellers_roles": "tio elever, två lärare",
                "purpose": "Påhittat exempel. Ungdomars internationella utbyten prioriteras "
                "enligt policyn.",
                "goals": "Påhittat exempel. Eleverna arbetar i ett gemensamt projekt med "
                "elever i Skjern.",
                "results": "Påhittat exempel. Ett återbesök i Torsby är planerat.",
                "total_cost": Decimal("9800.00"),
                "financing": "central_funds",
                "board_approval_date": datetime.date(2025, 2, 18),
                "board_approval_reference": "KS § 21 (exempel)",
                "reported_to_council_date": datetime.date(2025, 5, 26),
            },
            {
                "title": "Exempel: Vänortsbesök i Bömlo om kustturism",
                "slug": "exempel-vanortsbesok-i-bomlo",
                "destination_twin_town": "bomlo",
                "department": "Kommunledningsförvaltningen",
                "start_date": datetime.date(2024, 6, 11),
                "end_date": datetime.date(2024, 6, 13),
                "travellers_count": 3,
                "travellers_roles": (
                    "två förtroendevalda i kommunstyrelsen, en näringslivsutvecklare"
                ),
                "purpose": "Påhittat exempel. Samarbetet med vänorten ska inriktas mot konkreta "
                "projekt, här besöksnäring och kustturism.",
                "goals": "Påhittat exempel. Enas om ett gemensamt projekt för turism i "
                "vänorterna.",
                "results": "Påhittat exempel. En projektskiss lämnas till kommunstyrelsen.",
                "total_cost": Decimal("14500.00"),
                "financing": "central_funds",
                "board_approval_date": datetime.date(2024, 5, 7),
                "board_approval_reference": "KS § 63 (exempel)",
                "reported_to_board_date": datetime.date(2024, 8, 20),
                "reported_to_council_date": datetime.date(2024, 9, 30),
            },
        ],
    },
}

MOTALA = {
    "slug": "motala",
    "municipality_name": "Motala kommun",
    "intro": paragraphs(
        "Motala kommun ska aktivt verka för ökad internationell samverkan, med prioritet "
        "för samarbete inom EU.",
        "Här finns kommunens policy för internationell samverkan och reserapporter från "
        "internationella resor.",
    ),
    "policy": {
        "title": "Policy för internationell samverkan",
        "fields": {
            "document_type": "policy",
            "decided_by": "council",
            "decision_date": datetime.date(2016, 2, 8),
            "minute_paragraph": "4",
            "registry_number": "15/KS 0089",
            "valid_from": datetime.date(2016, 2, 8),
        },
        "body": [
            (
                "text",
                section(
                    "Internationell samverkan - en del av allt utvecklingsarbete",
                    "Motala kommun ska aktivt verka för ökad internationell samverkan, med "
                    "prioritet för samarbete inom EU, i syfte att uppnå vision och mål för "
                    "Motalas utveckling, i enlighet med vad som uttrycks i det lokala "
                    "utvecklings-programmet, LUP.",
                    "Genom att synliggöra de utmaningar som vi delar på alla nivåer i "
                    "samhället för att uppnå gemensamma mål, ska vi öka våra möjligheter till "
                    "stöd i nationella och EU-baserade fonder och program.",
                    "Ett internationellt perspektiv ska anläggas på allt utvecklingsarbete "
                    "och det internationella arbetet ska vara en naturlig del av den "
                    "kommunala verksamheten. Möjligheten till internationell samverkan inom "
                    "ramen för samverkansforum där även universitet och högskola ingår, ska "
                    "tillvaratas.",
                    "För god kvalitet ska kunskap på området tillföras förtroendevalda och "
                    "anställda.",
                    "Nämnder och förvaltningar ska aktivt delta i av kommunstyrelsen "
                    "beslutade medlemskap i internationella organisationer och nätverk.",
                    "Andra aktörer i samhället - företag, föreningar, studieförbund och "
                    "enskilda medborgare - med unika nätverk i andra länder är naturliga "
                    "samarbetspartners och en tillgång i strävan att utveckla Motala i ett "
                    "internationellt perspektiv",
                ),
            ),
            (
                "text",
                section(
                    "Bevaka och påverka",
                    "Kommunen ska inom sina respektive sakområden följa utvecklingen på "
                    "EU-nivå samt tillvarata de möjligheter som finns att påverka "
                    "utvecklingen i enlighet med kommunens mål och prioriteringar. För detta "
                    "arbete ska hållbara kontakter och relationer skapas med institutioner "
                    "som kan förmedla och tillföra relevant information samt med de "
                    "organisationer som företräder kommunens intressen.",
                ),
            ),
            (
                "twin_towns",
                section(
                    "Vänortssamarbete",
                    "Kommunen ska värna om den nordiska och europeiska samhörigheten i de "
                    "vänortskontakter som redan finns etablerade. Samarbetet ska vara "
                    "långsiktigt och utformas i dialog mellan parterna. Internationell "
                    "samverkan i form av nya vänorter eller systerstadsrelationer ska noga "
                    "övervägas. I första hand eftersträvas samverkan i direkt samarbete med "
                    "kommunens förvaltningar.",
                ),
            ),
            (
                "responsibilities",
                duties(
                    "Roller och ansvar",
                    [
                        (
                            "Kommunfullmäktige",
                            [
                                "Kommunfullmäktige beslutar om policy för internationell "
                                "samverkan samt beslutar i frågor om vänortsavtal.",
                            ],
                        ),
                        (
                            "Kommunstyrelsen",
                            [
                                "Kommunstyrelsen tillhandahåller centralt stöd och utarbetar "
                                "anvisningar för internationell samverkan, tecknar "
                                "samarbetsavtal och ingår kommunalt partnerskap samt beslutar "
                                "om medlemskap i internationella nätverk och organisationer "
                                "som omfattar hela kommunen.",
                            ],
                        ),
                        (
                            "Kommunstyrelse och nämnder",
                            [
                                "Kommunstyrelse och nämnder ansvarar för att resurser avsätts "
                                "som möjliggör internationell samverkan enligt denna policy.",
                            ],
                        ),
                    ],
                ),
            ),
            (
                "follow_up",
                section(
                    "Uppföljning",
                    "En redogörelse över kommunens internationella aktiviteter ska lämnas av "
                    "styrelse och nämnder i årsredovisningen.",
                ),
            ),
        ],
    },
    "departments": EXAMPLE_DEPARTMENTS,
    "trip_reports": {
        "intro": trip_index_intro(
            "En redogörelse över kommunens internationella aktiviteter lämnas av styrelse "
            "och nämnder i årsredovisningen.",
        ),
        "reports": [],
    },
}

SANDVIKEN = {
    "slug": "sandviken",
    "municipality_name": "Sandvikens kommun",
    "intro": paragraphs(
        "I Sandviken är världen alltid närvarande.",
        "Här finns kommunens internationella policy och reserapporter från internationella resor.",
    ),
    "policy": {
        "title": "Internationell policy för Sandvikens kommun",
        "fields": {
            "document_type": "policy",
            "decided_by": "council",
            "decision_date": datetime.date(2012, 5, 6),
            "minute_paragraph": "44",
            "registry_number": "KS2011/157",
            "valid_from": datetime.date(2012, 5, 6),
            "document_owner": "Kommundirektör",
            "period_start_year": 2013,
            "period_end_year": 2014,
        },
        "superseded_documents": [
            {
                "title": "Riktlinjer för kommunens internationella verksamhet",
                "decided_by": "council",
                "decision_date": datetime.date(1997, 5, 26),
                "registry_number": "KS2006/639",
            },
        ],
        "body": [
            (
                "text",
                {
                    "heading": "Inledning",
                    "text": paragraphs(
                        "Globaliseringen är en allt starkare faktor som påverkar såväl "
                        "näringsliv och samhälle som individer och kultur. I kommunens "
                        "Vision 2025 beskrivs detta enligt följande;",
                    )
                    + "<p><i>– I Sandviken är världen alltid närvarande</i></p>"
                    + paragraphs(
                        "Genom vår gemensamma utveckling med Sandvik och andra internationella "
                        "företag har vi en global plattform. Internationellt utbyte berikar "
                        "vårt samhälle. Ett varierat näringsliv med många entreprenörer och "
                        "kulturarbetare är vår språngbräda till framtiden.",
                    ),
                },
            ),
            (
                "purpose",
                section(
                    "Syfte",
                    "En internationell policy syftar till att tydliggöra vilka "
                    "utgångspunkter som är mest relevanta för Sandvikens kommuns insatser på "
                    "detta område.",
                ),
            ),
            (
                "goals",
                listing(
                    "Mål",
                    [
                        "Stödja näringslivets och samhällets utveckling.",
                        "Stärka kommunens egna verksamheter samt bidra till metodutveckling, "
                        "förbättringar och förnyelse.",
                        "Ta del av de möjligheter som erbjuds inom EU.",
                        "Genom utbyte och dialog fördjupa och stärka kunskap och kompetens "
                        "samt knyta internationella band för individer och verksamheter inom "
                        "Sandvikens kommun.",
                    ],
                    intro=[
                        "De övergripande målen med Sandvikens kommuns internationella "
                        "arbete är att:"
                    ],
                ),
            ),
            (
                "responsibilities",
                duties(
                    "Ansvar",
                    [
                        (
                            "Kommunfullmäktige",
                            [
                                "Kommunfullmäktige fördelar ansvaret för det internationella "
                                "arbetet främst via nämndernas reglementen, via målsättningar "
                                "i balanserad styrning samt via kommunens resursplan.",
                            ],
                        ),
                        (
                            "Arbetsmarknads- och trafiknämnden",
                            [
                                "Under policyperioden åren 2013-2014 ansvarar Arbetsmarknads- "
                                "och trafiknämnden för samordning av de operativa delarna i "
                                "kommunens internationella arbete, inte minst vad gäller "
                                "EU-arbetet.",
                                "Detta inbegriper operativ organisation samt vid behov "
                                "framtagande av handlingsprogram och arbetsplaner.",
                            ],
                        ),
                    ],
                    intro=[
                        "Kontinuitet och långsiktighet är viktiga och grundläggande faktorer "
                        "framförallt för internationellt utbyte och samarbete.",
                    ],
                ),
            ),
        ],
    },
    "departments": [
        example_department(
            "Arbetsmarknads- och trafiknämnden",
            "Exempel Exempelsson",
            "exempel.exempelsson@example.se",
        ),
        example_department(
            "Kommunledningsförvaltningen",
            "Exempla Exempeldotter",
            "exempla.exempeldotter@example.se",
        ),
    ],
    "trip_reports": {
        "intro": trip_index_intro(
            "Här redovisas kommunens internationella resor med syfte, mål och resultat.",
        ),
        "reports": [],
    },
}

# In the order of the seed documents.
MUNICIPALITIES = [SOLLEFTEA, STROMSUND, TORSBY, MOTALA, SANDVIKEN]

SECTION_TITLE = "Internationellt arbete"
TWIN_TOWN_INDEX = {"title": "Vänorter", "slug": "vanorter"}
TRIP_REPORT_INDEX = {"title": "Reserapporter", "slug": "reserapporter"}
REPORTING_THRESHOLD = 10_000
