"""Every UI string in English and Serbian (Cyrillic by transliteration); numbers and dates come from dialogue.formats."""
from __future__ import annotations

import re

# Numbers and dates live in dialogue.formats; re-exported here because pages and views import them with t().
from dialogue.formats import LANGS, fmt_count, fmt_date, fmt_money, fmt_number, fmt_percent, is_english, vega_locale  # noqa: F401
from dialogue.translit import to_cyrillic

LANG_NAMES = {"en": "English", "sr-Latn": "Srpski (latinica)", "sr-Cyrl": "Српски (ћирилица)"}

# key: (English, Serbian Latin). Cyrillic is produced from the Latin text; {placeholders} survive.
_STRINGS: dict[str, tuple[str, str]] = {
    # app frame and sidebar
    "app_title": ("Dialogue Monitor", "Monitor dijaloga"),
    "app_subtitle": ("US–Serbia Strategic Dialogue: targets and progress",
                     "Strateški dijalog SAD i Srbije: ciljevi i napredak"),
    "sidebar_as_of": ("As of", "Na dan"),
    "sidebar_as_of_help": ("Every page and figure is computed as of this date.",
                           "Sve stranice i brojke računaju se na ovaj dan."),
    "sidebar_as_of_typed": ("Type a date (YYYY-MM-DD) and press Enter, or pick one from the calendar.",
                            "Upišite datum (GGGG-MM-DD) i pritisnite Enter ili ga izaberite iz kalendara."),
    "sidebar_as_of_pick": ("Calendar", "Kalendar"),
    "sidebar_as_of_bad": ("{value} is not a date; expected YYYY-MM-DD, e.g. 2026-06-30. The as-of date stays {kept}.",
                          "{value} nije datum; očekuje se GGGG-MM-DD, npr. 2026-06-30. Datum ostaje {kept}."),
    "sidebar_language": ("Language", "Jezik"),
    "sidebar_workspace": ("Workspace", "Radni prostor"),
    "workspace_reference": ("Reference data (real, cited)", "Referentni podaci (stvarni, sa izvorima)"),
    "workspace_demo": ("Demo data (synthetic)", "Demo podaci (izmišljeni)"),
    "workspace_env": ("Database from DIALOGUE_DB: {path}", "Baza iz DIALOGUE_DB: {path}"),
    "signed_in_as": ("Signed in as {user} ({role})", "Prijavljeni ste kao {user} ({role})"),
    "role_viewer": ("viewer", "čitalac"),
    "role_analyst": ("analyst", "analitičar"),
    "role_admin": ("administrator", "administrator"),
    # signing in and out
    "auth_sign_in": ("Sign in", "Prijava"),
    "auth_sign_out": ("Sign out", "Odjava"),
    "auth_user_name": ("User name", "Korisničko ime"),
    "auth_password": ("Password", "Lozinka"),
    "auth_org_account": ("Sign in with your organisation's account.", "Prijavite se nalogom svoje organizacije."),
    "auth_signed_in_as": ("Signed in as {user} ({role})", "Prijavljeni ste kao {user} ({role})"),
    "auth_session_ended": ("Your session has ended (timed out or changed). Please sign in again.",
                           "Vaša sesija je završena (istekla je ili je promenjena). Prijavite se ponovo."),
    "auth_local_mode": ("**Local mode**: one user with administrator rights and no sign-in, reachable from this "
                        "computer only. To share the dashboard, add users: `{command}`.",
                        "**Lokalni režim**: jedan korisnik s administratorskim pravima, bez prijave, dostupan samo "
                        "sa ovog računara. Da biste podelili kontrolnu tablu, dodajte korisnike: `{command}`."),
    "auth_no_role": ("This account has no role here. An administrator can grant one with the command below.",
                     "Ovaj nalog ovde nema ulogu. Administrator je može dodeliti naredbom ispod."),
    "auth_no_email": ("(the identity provider sent no e-mail address)", "(dobavljač identiteta nije poslao e-adresu)"),
    "auth_sign_in_first": ("Please sign in first: open the dashboard's main page.",
                           "Prvo se prijavite: otvorite glavnu stranicu kontrolne table."),
    "auth_open_main": ("Open the main page", "Otvorite glavnu stranicu"),
    "auth_wrong": ("Wrong user name or password.", "Pogrešno korisničko ime ili lozinka."),
    "auth_wait": ("Too many failed attempts from this address: try again in {minutes} min, or ask an "
                  "administrator to unlock the account.",
                  "Previše neuspelih pokušaja sa ove adrese: pokušajte ponovo za {minutes} min ili zamolite "
                  "administratora da otključa nalog."),
    "synthetic_banner": ("Synthetic rows in this database: {n} (demo figures, not real statistics). Figures that "
                         "count them are not real; check a figure's source before citing it.",
                         "Izmišljenih redova u ovoj bazi: {n} (demo brojke, ne prave statistike). Brojke koje ih "
                         "uključuju nisu stvarne; proverite izvor brojke pre nego što je citirate."),
    "demo_banner": ("DEMO DATA — synthetic figures, not real statistics. Do not cite.",
                    "DEMO PODACI — izmišljene brojke, nisu stvarna statistika. Ne citirati."),
    "db_busy": ("The database is busy: {msg}", "Baza je zauzeta: {msg}"),
    "workspace_unavailable": ("The workspace could not be created: {msg}",
                              "Radni prostor nije mogao da se napravi: {msg}"),
    "data_as_of_upload": ("Data: upload #{n}", "Podaci: otpremanje br. {n}"),
    "no_uploads": ("No data loaded yet", "Još nema učitanih podataka"),
    "data_upload_coming": ("The newest upload's figures (#{n}) are being prepared: they show in a few seconds",
                           "Podaci najnovijeg otpremanja (br. {n}) se pripremaju: prikazuju se za nekoliko sekundi"),
    # how fresh a target's figures are (dialogue.freshness)
    "figures_to": ("figures to {through}", "podaci do {through}"),
    "figures_stale": ("{through}, out of date (newer ones were due by {due})",
                      "{through}, zastareli (noviji su se očekivali do {due})"),
    "col_published": ("Source publishes", "Izvor objavljuje"),
    "method_freshness_name": ("freshness (every target)", "ažurnost (svaki cilj)"),
    "method_freshness_rule": ("figures run to their data-through date: for trade the last month with figures in "
                              "the series, for counts and milestones the latest upload into their dataset; they "
                              "are stale once the as-of date is later than that date plus one publishing period "
                              "plus the source's lag (column \"Source publishes\"), and the reason then says so",
                              "podaci sežu do datuma poslednjih podataka: za trgovinu poslednji mesec sa podacima "
                              "u seriji, za brojanja i prekretnice poslednje otpremanje u njihov skup podataka; "
                              "zastareli su kada je datum \"na dan\" kasniji od tog datuma uvećanog za jedan "
                              "period objavljivanja i kašnjenje izvora (kolona \"Izvor objavljuje\"), i tada to "
                              "kaže i obrazloženje"),
    "published_every": ("{every}, {lag} days after the period ends", "{every}, {lag} dana po isteku perioda"),
    "every_month": ("monthly", "mesečno"),
    "every_quarter": ("quarterly", "kvartalno"),
    "every_year": ("yearly", "godišnje"),
    # the targets' change history (Method page)
    "target_versions_title": ("Changes to the targets", "Izmene ciljeva"),
    "target_versions_caption": ("Every version of the targets file, newest first: saved on the Administration page "
                                "(by its author) or found changed on disk (\"file changed\"). A status as known at a "
                                "past moment uses the version of that moment.",
                                "Sve verzije datoteke ciljeva, najnovija prva: sačuvane na stranici Administracija "
                                "(autor) ili zatečene izmenjene na disku. Status kakav je bio "
                                "poznat u nekom trenutku koristi verziju iz tog trenutka."),
    "target_versions_none": ("No version of the targets file is recorded in this database yet.",
                             "U ovoj bazi još nije zabeležena nijedna verzija datoteke ciljeva."),
    "version_file_changed": ("file changed", "izmenjena datoteka"),
    "version_first": ("first recorded version", "prva zabeležena verzija"),
    "version_added": ("added", "dodato"),
    "version_removed": ("removed", "uklonjeno"),
    "version_changed": ("changed", "izmenjeno"),
    "version_settings_changed": ("settings changed", "izmenjena podešavanja"),
    "version_same": ("comments or layout only", "samo komentari ili raspored"),
    "col_version": ("Version", "Verzija"),
    "col_time_utc": ("Time (UTC)", "Vreme (UTC)"),
    "col_author": ("Author", "Autor"),
    "col_change": ("Change", "Izmena"),
    # page titles
    "page_overview": ("Overview", "Pregled"),
    "page_trade": ("Trade", "Trgovina"),
    "page_security": ("Security & Defence", "Bezbednost i odbrana"),
    "page_political": ("Political & People", "Politika i veze među ljudima"),
    "page_roadmap": ("Road map", "Mapa puta"),
    "page_delivery": ("Delivery", "Realizacija"),
    "page_data": ("Data", "Podaci"),
    "page_method": ("Method", "Metodologija"),
    "page_briefings": ("Briefings", "Brifinzi"),
    "page_admin": ("Administration", "Administracija"),
    # areas
    "area_economic": ("Economic, Trade and Technological Cooperation",
                      "Ekonomska, trgovinska i tehnološka saradnja"),
    "area_security": ("Security and Defence", "Bezbednost i odbrana"),
    "area_regional": ("Regional Initiatives", "Regionalne inicijative"),
    "area_energy": ("Energy and Environment", "Energetika i životna sredina"),
    "area_european": ("European Integration", "Evropske integracije"),
    "area_political": ("Bilateral and Multilateral Political Cooperation",
                       "Bilateralna i multilateralna politička saradnja"),
    "area_people": ("People-to-People Ties", "Veze među ljudima"),
    "area_process": ("Road map of the dialogue", "Mapa puta dijaloga"),
    # empty states and common
    "empty_missing": ("No {what} recorded yet, so this chart cannot be drawn.",
                      "Još nema zabeleženih podataka ({what}), pa ovaj grafikon ne može da se prikaže."),
    "empty_go_data": ("Load data on the Data page", "Učitajte podatke na stranici Podaci"),
    "empty_ask_analyst": ("An analyst can load it on the Data page.",
                          "Analitičar ih može učitati na stranici Podaci."),
    "no_status_engine": ("Target statuses are not available yet (the status engine is not installed).",
                         "Statusi ciljeva još nisu dostupni (modul za status nije instaliran)."),
    "what_trade": ("trade figures", "podaci o trgovini"),
    "what_trade_years": ("full-year figures of this series for two consecutive years",
                         "godišnji podaci ove serije za dve uzastopne godine"),
    "what_trade_monthly": ("monthly trade figures", "mesečni podaci o trgovini"),
    "what_mirror": ("annual figures of this flow from a US and a Serbian reporter in the same currency and year",
                    "godišnji podaci ovog toka od američkog i srpskog izveštača u istoj valuti i godini"),
    "what_products": ("product-level trade figures", "podaci o trgovini po proizvodima"),
    "what_exercises": ("exercises", "vežbe"),
    "what_agreements": ("defence agreements", "odbrambeni sporazumi"),
    "what_training": ("diplomat training events", "obuke diplomata"),
    "what_events": ("events", "događaji"),
    "what_targets": ("targets", "ciljevi"),
    "source": ("Source", "Izvor"),
    "sources": ("Sources", "Izvori"),
    "col_link": ("Link", "Veza"),
    "table_behind": ("Table behind the chart", "Tabela iza grafikona"),
    "none": ("none", "nema"),
    "yes": ("yes", "da"),
    "no": ("no", "ne"),
    "assumption": ("Assumption", "Pretpostavka"),
    "note": ("Note", "Napomena"),
    # overview
    "overview_title": ("Are we on track?", "Da li smo na dobrom putu?"),
    "overview_caption": ("As of {date} · arrows: change since {since}", "Na dan {date} · strelice: promena od {since}"),
    "start_planned": ("Dialogue start: {date} (planned; no inaugural meeting recorded yet)",
                      "Početak dijaloga: {date} (planirano; inauguralni sastanak još nije zabeležen)"),
    "start_recorded": ("Dialogue start: {date} (recorded inaugural meeting)",
                       "Početak dijaloga: {date} (zabeležen inauguralni sastanak)"),
    "col_status": ("Status", "Status"),
    "col_target": ("Target", "Cilj"),
    "col_figure": ("Figure", "Pokazatelj"),
    "col_reason": ("Why", "Zašto"),
    "col_page": ("Details", "Detalji"),
    "col_area": ("Area", "Oblast"),
    "col_from": ("Before", "Pre"),
    "col_to": ("Now", "Sada"),
    "col_deadline": ("Deadline", "Rok"),
    "col_date": ("Date", "Datum"),
    "col_title": ("Title", "Naziv"),
    "col_kind": ("Kind", "Vrsta"),
    "col_year": ("Year", "Godina"),
    "open_page": ("Open", "Otvori"),
    "moves_title": ("What changed since {date}", "Šta se promenilo od {date}"),
    "moves_none": ("No status changed since {date}.", "Nijedan status se nije promenio od {date}."),
    "moves_improved": ("improved", "poboljšano"),
    "moves_worsened": ("worsened", "pogoršano"),
    "moves_first_measured": ("first measured", "prvi put izmereno"),
    "moves_no_longer_measured": ("no longer measured", "više se ne meri"),
    "moves_unchanged": ("unchanged", "bez promene"),
    # the first screen: tiles, what worsened, what is due
    "worsened_title": ("Worsened since {date}", "Pogoršano od {date}"),
    "worsened_none": ("No target worsened since {date}.", "Nijedan cilj se nije pogoršao od {date}."),
    "due_title": ("Due in the next {days} days", "Dospeva u narednih {days} dana"),
    "due_more": ("… and {n} more further down, by area.", "… i još {n} niže, po oblastima."),
    "due_none": ("Nothing falls due in the next {days} days.", "Ništa ne dospeva u narednih {days} dana."),
    "due_deadline": ("deadline", "rok"),
    "due_roadmap": ("road-map step", "korak mape puta"),
    "due_period_end": ("end of the counting period", "kraj perioda brojanja"),
    "col_change": ("Change", "Promena"),
    "col_history": ("Each quarter", "Po kvartalima"),
    "col_data_through": ("Figures to", "Podaci do"),
    "col_needed": ("What it would take", "Šta je potrebno"),
    "col_what": ("What", "Šta"),
    "history_title": ("Status at each quarter end, as the dashboard said then",
                      "Status na kraju svakog kvartala, kako ga je kontrolna tabla tada prikazivala"),
    "history_streak": ("{status} for {n} quarters", "{status} već {n} kvartala"),
    "history_streak_one": ("{status} since the last quarter end", "{status} od kraja prošlog kvartala"),
    "history_new": ("{status} this quarter", "{status} u ovom kvartalu"),
    "col_quarter": ("Quarter", "Kvartal"),
    "unmeasured_caption": ("The proposal sets no measurable target for this area; recorded agreements and events:",
                           "Predlog ne postavlja merljiv cilj za ovu oblast; zabeleženi sporazumi i događaji:"),
    "unmeasured_shown": ("The proposal sets no measurable target for this area; the latest {shown} of {n} recorded "
                         "agreements and events (the Data page has them all):",
                         "Predlog ne postavlja merljiv cilj za ovu oblast; poslednjih {shown} od {n} zabeleženih "
                         "sporazuma i događaja (sve su na stranici Podaci):"),
    "unmeasured_empty": ("The proposal sets no measurable target for this area, and nothing is recorded yet.",
                         "Predlog ne postavlja merljiv cilj za ovu oblast, a još ništa nije zabeleženo."),
    "records_list": ("The records ({n})", "Zapisi ({n})"),
    "more_areas": ("More areas", "Ostale oblasti"),
    # trade
    "trade_title": ("Trade: +10% a year", "Trgovina: +10% godišnje"),
    "trade_series": ("Series (reporter and currency)", "Serija (izveštač i valuta)"),
    "trade_series_help": ("Growth is computed within one series only; reporters' figures differ.",
                          "Rast se računa samo unutar jedne serije; brojke izveštača se razlikuju."),
    "trade_turnover_title": ("Goods turnover against the +{rate} a year path from {base}",
                             "Robna razmena prema putanji +{rate} godišnje od {base}"),
    "trade_growth_title": ("Year-on-year growth against {rate}", "Međugodišnji rast prema cilju od {rate}"),
    "trade_ytd_title": ("{year} to date against the same months of {prev}",
                        "{year} do sada prema istim mesecima {prev}"),
    "trade_flows_title": ("Exports, imports and balance", "Izvoz, uvoz i saldo"),
    "trade_mirror_title": ("Mirror statistics: the same flow as each side reports it",
                           "Ogledalna statistika: isti tok kako ga prijavljuje svaka strana"),
    "trade_mirror_note": (
        "US and Serbian statistics of the same trade differ: each side values imports with freight and "
        "insurance (CIF) and exports without (FOB), converts currencies differently, and may record goods "
        "shipped through third countries under a different partner. Compare growth within one series, never across.",
        "Američka i srpska statistika iste trgovine se razlikuju: svaka strana vrednuje uvoz sa prevozom i "
        "osiguranjem (CIF), a izvoz bez njih (FOB), drugačije preračunava valute i može robu otpremljenu preko "
        "trećih zemalja pripisati drugom partneru. Rast poredite unutar jedne serije, nikad između serija."),
    "trade_products_title": ("By product, {year}", "Po proizvodima, {year}"),
    "trade_tab_growth": ("Growth by year", "Rast po godinama"),
    "trade_tab_ytd": ("Year to date", "Od početka godine"),
    "trade_tab_whatif": ("What if", "Šta ako"),
    "trade_tab_mirror": ("Mirror statistics", "Ogledalna statistika"),
    "trade_tab_products": ("By product", "Po proizvodima"),
    "axis_year": ("Year", "Godina"),
    "axis_turnover": ("Turnover ({unit})", "Razmena ({unit})"),
    "axis_value": ("Value ({unit})", "Vrednost ({unit})"),
    "axis_growth": ("Growth on previous year (%)", "Rast u odnosu na prethodnu godinu (%)"),
    "axis_months": ("Months", "Meseci"),
    "axis_period": ("Period", "Period"),
    "axis_product": ("Product", "Proizvod"),
    "axis_reporter": ("Reporter", "Izveštač"),
    "axis_flow": ("Flow", "Tok"),
    "axis_gap": ("Gap ({unit})", "Razlika ({unit})"),
    "unit_million": ("{cur} million", "mil. {cur}"),
    "legend_actual": ("Actual", "Ostvareno"),
    "legend_target_path": ("Target path (+{rate} a year)", "Ciljna putanja (+{rate} godišnje)"),
    "legend_target": ("Target", "Cilj"),
    "legend_below": ("Below target", "Ispod cilja"),
    "legend_met": ("Target met", "Cilj ostvaren"),
    "flow_us_to_serbia": ("US exports to Serbia", "Izvoz SAD u Srbiju"),
    "flow_serbia_to_us": ("Serbian exports to the US", "Izvoz Srbije u SAD"),
    "flow_total": ("Total (as reported)", "Ukupno (kako je prijavljeno)"),
    "flow_balance": ("Balance", "Saldo"),
    "flow_exports": ("Exports", "Izvoz"),
    "flow_imports": ("Imports", "Uvoz"),
    "balance_note": ("Balance from {reporter}'s side: its exports minus its imports.",
                     "Saldo sa strane izveštača {reporter}: njegov izvoz minus uvoz."),
    "whatif_title": ("What if: the rest of {year}", "Šta ako: ostatak {year}. godine"),
    "whatif_growth": ("Assumed growth for the months still to come, % on the same months a year earlier",
                      "Pretpostavljeni rast za preostale mesece, % u odnosu na iste mesece godinu ranije"),
    "whatif_unavailable": ("A what-if needs all twelve months of last year and this year's months without a gap.",
                           "Za procenu „šta ako“ potrebno je svih dvanaest meseci prošle godine i ovogodišnji meseci bez praznine."),
    "whatif_actual": ("figures", "podaci"),
    "whatif_projection": ("projection (assumed)", "projekcija (pretpostavka)"),
    "whatif_at_growth": ("at {growth} on last year's months", "uz {growth} u odnosu na prošlogodišnje mesece"),
    "whatif_at_value": ("at {value} a month", "uz {value} mesečno"),
    "whatif_sentence": ("With the months still to come {assumption}, {year} would end at {total}, {growth} on {previous}: "
                        "the target would be {status} (it needs {required}). A projection, not a figure.",
                        "Ako preostali meseci budu {assumption}, {year}. bi se završila sa {total}, {growth} u odnosu na "
                        "{previous}.: cilj bi bio {status} (potrebno je {required}). Ovo je projekcija, ne podatak."),
    "whatif_required": ("needed for +{rate}", "potrebno za +{rate}"),
    "axis_cumulative": ("Since January ({unit})", "Od januara ({unit})"),
    "axis_month": ("Month", "Mesec"),
    "ytd_this": ("{year}, months 1–{m}", "{year}, meseci 1–{m}"),
    "ytd_last": ("{year}, same months", "{year}, isti meseci"),
    "mirror_gap": ("Gap", "Razlika"),
    "turnover_partial_note": ("Bars are full years with data (to {last}). {year} is in progress: only its target is drawn; "
                              "its months so far are compared with the same months a year earlier below.",
                              "Stubići su završene godine sa podacima (do {last}). {year} je u toku: prikazan je samo njen cilj; "
                              "njeni dosadašnji meseci porede se ispod sa istim mesecima godinu ranije."),
    "axis_in_progress": ("(in progress)", "(u toku)"),
    # a partial period in a per-year chart: its axis label's second line and its tooltip
    "period_months": ("({first}–{last})", "({first}–{last})"),
    "period_to_date": ("(to {date})", "(do {date})"),
    "growth_partial_note": ("{period} compares those months with the same months of {prev}; the other bars are "
                            "full years.",
                            "{period} poredi te mesece sa istim mesecima {prev}. godine; ostali stubići su "
                            "završene godine."),
    "flows_partial_note": ("{period} holds only the months published so far (lighter bars): it is not a full year.",
                           "{period} sadrži samo do sada objavljene mesece (svetliji stubići): to nije cela godina."),
    "year_partial_note": ("{period} is counted to the as-of date (lighter bars): the year is not over.",
                          "{period} se broji do dana preseka (svetliji stubići): godina još nije završena."),
    "mirror_pair_note": ("Compared in {cur}: {us} against {serbia}; the gap is the US figure minus the Serbian one.",
                         "Poređenje u valuti {cur}: {us} prema {serbia}; razlika je američka vrednost minus srpska."),
    "mirror_conversion_note": (
        "The figures marked as conversions are {cur} conversions of the Statistical Office's euro figure made by "
        "{names} (rates not stated), not figures the office published in {cur}; this dashboard converts no currency.",
        "Vrednosti označene kao preračunavanja su preračunavanja evrske vrednosti Zavoda za statistiku u {cur} koja su "
        "napravili {names} (kurs nije naveden), a ne vrednosti koje je Zavod objavio u {cur}; ova aplikacija ne "
        "preračunava valute."),
    "marker_below": ("▼ below", "▼ ispod"),
    # security
    "security_title": ("Security and Defence", "Bezbednost i odbrana"),
    "sec_exercises_title": ("Exercises with US participation per year (at least {n})",
                            "Vežbe sa učešćem SAD po godini (najmanje {n})"),
    "sec_timeline_title": ("Exercise timeline", "Vremenska linija vežbi"),
    "sec_timeline_shown": ("The latest {shown} of {n} recorded exercises are drawn; the Data page has them all.",
                           "Prikazano je poslednjih {shown} od {n} zabeleženih vežbi; sve su na stranici Podaci."),
    "sec_agreements_title": ("Major defence agreements: {n} within {years} years of the start",
                             "Veliki odbrambeni sporazumi: {n} u roku od {years} godine od početka"),
    "axis_exercises": ("Exercises (count)", "Vežbe (broj)"),
    "axis_agreements": ("Agreements signed (cumulative count)", "Potpisani sporazumi (zbirno)"),
    "axis_date": ("Date", "Datum"),
    "axis_exercise": ("Exercise", "Vežba"),
    "axis_format": ("Format", "Format"),
    "legend_expected_pace": ("Expected pace", "Očekivani tempo"),
    "legend_today": ("As of", "Na dan"),
    "status_held": ("Held", "Održano"),
    "status_planned": ("Planned", "Planirano"),
    "status_cancelled": ("Cancelled", "Otkazano"),
    "format_bilateral": ("Bilateral", "Bilateralna"),
    "format_multinational": ("Multinational", "Multinacionalna"),
    "format_training": ("Joint training", "Zajednička obuka"),
    "format_cyber": ("Cyber", "Sajber"),
    "format_police_training": ("Police training", "Policijska obuka"),
    "format_unspecified": ("Format not stated", "Format nije naveden"),
    "col_location": ("Location", "Mesto"),
    "col_start": ("Start", "Početak"),
    "col_end": ("End", "Kraj"),
    "col_participants": ("Participants", "Učesnici"),
    "col_count": ("Count", "Broj"),
    "ngp_note": ("Note: Serbia's existing State Partnership Program partner is the Ohio National Guard (since 2006); the proposal names Illinois.",
                 "Napomena: postojeći partner Srbije u Programu državnog partnerstva je Nacionalna garda Ohaja (od 2006); predlog navodi Ilinois."),
    # political & people
    "political_title": ("Political cooperation and people-to-people ties",
                        "Politička saradnja i veze među ljudima"),
    "pol_milestones": ("Milestones", "Prekretnice"),
    "pol_training_title": ("Serbian diplomats in State Department training per year (at least {n})",
                           "Srpske diplomate na obuci Stejt departmenta po godini (najmanje {n})"),
    "axis_diplomats": ("Diplomats trained (count)", "Obučene diplomate (broj)"),
    "pol_evidence": ("Evidence", "Dokazi"),
    "pol_no_evidence": ("No evidence recorded yet.", "Još nema zabeleženih dokaza."),
    # road map
    "roadmap_title": ("Road map in ten steps", "Mapa puta u deset koraka"),
    "rm_gantt_title": ("Planned against achieved or revised dates",
                       "Planirani prema ostvarenim ili revidiranim datumima"),
    "rm_cadence_title": ("Ongoing steps: how often they happened, per year",
                         "Koraci u toku: koliko često su se odvijali, po godini"),
    "axis_step": ("Step", "Korak"),
    "axis_events": ("Events (count)", "Događaji (broj)"),
    "legend_planned": ("Planned date", "Planirani datum"),
    "legend_achieved": ("Achieved", "Ostvareno"),
    "gantt_missed": ("Missed (deadline passed)", "Propušteno (rok je prošao)"),
    "gantt_due": ("Due (deadline ahead)", "Predstoji (rok nije prošao)"),
    "gantt_when_achieved": ("Achieved {date}", "Ostvareno {date}"),
    "gantt_when_achieved_late": ("Achieved {date}, {n} days after the deadline",
                                 "Ostvareno {date}, {n} dana posle roka"),
    "gantt_when_missed": ("Missed: deadline {date}, {n} days late", "Propušteno: rok {date}, kasni {n} dana"),
    "gantt_when_due": ("Due by {date}", "Predstoji, rok {date}"),
    "col_when": ("Outcome", "Ishod"),
    "legend_required": ("Required per year", "Potrebno godišnje"),
    "rm_counted_from": ("counted from {year}", "broji se od {year}."),
    "days_late": ("{n} days late", "kasni {n} dana"),
    "days_early": ("on time", "na vreme"),
    "col_days_late": ("Days late", "Dana kašnjenja"),
    "col_planned": ("Planned", "Planirano"),
    "col_achieved": ("Achieved", "Ostvareno"),
    "what_cadence": ("reports or meetings of the ongoing steps", "izveštaji ili sastanci koraka u toku"),
    # delivery (issue 14): working groups, action plans, commitments
    "delivery_title": ("Delivery: working groups, action plans and commitments",
                       "Realizacija: radne grupe, akcioni planovi i obaveze"),
    "dl_summary": ("{overdue} overdue and {slipping} slipping of {n} actions; {active} of {groups} working groups "
                   "met within the last {months} months.",
                   "Mera sa prekoračenim rokom: {overdue}, mera koje zaostaju: {slipping}, od ukupno {n}; radnih grupa "
                   "koje su se sastale u poslednjih {months} meseci: {active} od {groups}."),
    "dl_groups": ("Working groups", "Radne grupe"),
    "dl_no_groups": ("No working group of the dialogue is recorded. None is known from public sources yet; once "
                     "groups are formed, an analyst loads them with the {templates} templates on the Data page.",
                     "Nijedna radna grupa dijaloga nije zabeležena. Iz javnih izvora još nije poznata nijedna; kad "
                     "grupe budu formirane, analitičar ih učitava šablonima {templates} na stranici Podaci."),
    "dl_plans": ("Action plans", "Akcioni planovi"),
    "dl_no_actions": ("No action of an action plan is recorded.", "Nijedna mera akcionog plana nije zabeležena."),
    "dl_no_match": ("No action matches the filters.", "Nijedna mera ne odgovara filterima."),
    "dl_timeline": ("Actions against their due dates", "Mere prema rokovima"),
    "dl_promised_shown": ("The {shown} most pressing of {n} commitments (overdue first, then open ones); all of them "
                          "are listed below.", "{shown} najhitnijih od {n} obaveza (prvo one kojima je rok istekao, "
                          "zatim otvorene); sve su navedene ispod."),
    "dl_promised_all": ("All {n} commitments of this meeting", "Sve obaveze sa ovog sastanka ({n})"),
    "dl_filter": ("Filter by area, lead side, owner or state", "Filtriraj po oblasti, vodećoj strani, nosiocu ili stanju"),
    "dl_filters": ("Filters ({n} active)", "Filteri (aktivnih: {n})"),
    "dl_actions_first": ("The {shown} most pressing of {n} actions (overdue and slipping first, then open ones by due "
                         "date); the whole plan is listed below.",
                         "{shown} najhitnijih od {n} mera (prvo one sa prekoračenim rokom i one koje zaostaju, zatim "
                         "otvorene po roku); ceo plan je naveden ispod."),
    "dl_actions_all": ("The whole action plan ({n} actions)", "Ceo akcioni plan (mera: {n})"),
    "dl_actions_shown": ("{shown} of {n} actions listed: overdue and slipping first, then open ones by due date; "
                         "the filters above narrow the plan.",
                         "Navedeno {shown} od {n} mera: prvo one sa prekoračenim rokom i one koje zaostaju, zatim "
                         "otvorene po roku; filteri iznad sužavaju plan."),
    "dl_timeline_shown": ("{shown} of {n} dated actions drawn: overdue and slipping first, then open ones by due "
                          "date; the filters above narrow the plan.",
                          "Prikazano {shown} od {n} mera sa rokom: prvo one sa prekoračenim rokom i one koje "
                          "zaostaju, zatim otvorene po roku; filteri iznad sužavaju plan."),
    "dl_undated": ("{n} actions without a due date are not drawn.", "Mere bez roka nisu prikazane: {n}."),
    "dl_promised": ("Promised at the last annual meeting → what happened",
                    "Obećano na poslednjem godišnjem sastanku → šta se desilo"),
    "dl_promised_at": ("Commitments made on {date}:", "Obaveze preuzete {date}:"),
    "dl_no_commitments": ("No commitment from a meeting or joint statement is recorded.",
                          "Nijedna obaveza sa sastanka ili iz zajedničke izjave nije zabeležena."),
    "dl_area_actions": ("Actions linked to these targets", "Mere povezane sa ovim ciljevima"),
    "dl_all": ("All", "Sve"),
    # quarterly assessments (issue 14 item 4): recorded and approved on the Delivery page, shown on area pages
    "as_title": ("Quarterly assessments", "Kvartalne procene"),
    "as_intro": ("An analyst's delivery confidence for a target and quarter, with a narrative and next steps; "
                 "another analyst or an administrator approves it. It is shown beside the computed status, "
                 "never instead of it.",
                 "Procena analitičara o pouzdanosti ostvarenja cilja za kvartal, sa obrazloženjem i sledećim "
                 "koracima; odobrava je drugi analitičar ili administrator. Prikazuje se pored izračunatog "
                 "statusa, nikad umesto njega."),
    "as_record": ("Record an assessment", "Unesi procenu"),
    "as_save": ("Save the assessment", "Sačuvaj procenu"),
    "as_saved": ("Assessment #{id} saved: it awaits approval by another analyst or an administrator.",
                 "Procena #{id} je sačuvana: čeka odobrenje drugog analitičara ili administratora."),
    "as_err_target": ("There is no target {target!r} in the targets file.",
                      "U datoteci ciljeva nema cilja {target!r}."),
    "as_err_quarter": ("The quarter {quarter!r} is not written as YYYY-Qn, e.g. 2026-Q3.",
                       "Kvartal {quarter!r} nije zapisan kao GGGG-Qn, npr. 2026-Q3."),
    "as_err_confidence": ("The confidence {confidence!r} is not one of {choices}.",
                          "Pouzdanost {confidence!r} nije jedna od vrednosti {choices}."),
    "as_err_narrative": ("An assessment needs a short narrative.", "Procena mora imati kratak opis."),
    "as_err_length": ("The narrative and the next steps hold at most {most} characters each.",
                      "Opis i sledeći koraci mogu imati najviše po {most} znakova."),
    "as_err_unknown": ("There is no assessment #{id}.", "Nema procene #{id}."),
    "as_err_own": ("An assessment is approved by another analyst or an administrator, not by its author.",
                   "Procenu odobrava drugi analitičar ili administrator, a ne njen autor."),
    "as_err_approved": ("Assessment #{id} is already approved.", "Procena #{id} je već odobrena."),
    "as_err_replaced": ("Assessment #{id} was replaced by a later one; approve that one.",
                        "Procenu #{id} je zamenila novija; odobrite nju."),
    "as_drafts": ("Awaiting approval", "Čeka odobrenje"),
    "as_no_drafts": ("No assessment awaits approval.", "Nijedna procena ne čeka odobrenje."),
    "as_none": ("No quarterly assessment is recorded.", "Nijedna kvartalna procena nije zabeležena."),
    "as_approve": ("Approve #{id}", "Odobri #{id}"),
    "as_approved": ("Assessment #{id} approved.", "Procena #{id} je odobrena."),
    "as_not_yours": ("#{id} is yours: another analyst or an administrator approves it.",
                     "#{id} je vaša: odobrava je drugi analitičar ili administrator."),
    "as_area": ("Approved quarterly assessments, beside the computed status",
                "Odobrene kvartalne procene, pored izračunatog statusa"),
    "as_listed": ("#{id} · {target} · {quarter} · {confidence} · {author}",
                  "#{id} · {target} · {quarter} · {confidence} · {author}"),
    "col_confidence": ("Confidence", "Pouzdanost"),
    "col_narrative": ("Narrative", "Obrazloženje"),
    "col_next_steps": ("Next steps", "Sledeći koraci"),
    "col_approved_by": ("Approved by", "Odobrio"),
    "col_computed": ("Computed status", "Izračunati status"),
    "col_group": ("Working group", "Radna grupa"),
    "col_us_cochair": ("US co-chair", "Kopredsedavajući SAD"),
    "col_rs_cochair": ("Serbian co-chair", "Kopredsedavajući Srbije"),
    "col_last_meeting": ("Last meeting", "Poslednji sastanak"),
    "col_met_recently": ("Active", "Aktivna"),
    "col_actions": ("Actions", "Mere"),
    "col_action": ("Action", "Mera"),
    "col_owner": ("Owner", "Nosilac"),
    "col_side": ("Lead side", "Vodeća strana"),
    "col_due": ("Due", "Rok"),
    "col_state": ("State", "Stanje"),
    "col_progress": ("Progress", "Napredak"),
    "col_flags": ("Flags", "Oznake"),
    "col_commitment": ("Commitment", "Obaveza"),
    "col_evidence": ("Evidence", "Dokaz"),
    "axis_action": ("Action", "Mera"),
    "legend_due": ("Due date", "Rok"),
    "flag_overdue": ("⏰ Overdue", "⏰ Rok prekoračen"),
    "flag_slipping": ("↘ Slipping", "↘ Zaostaje"),
    "met_yes": ("✅ yes", "✅ da"),
    "met_no": ("— no", "— ne"),
    "side_us": ("US", "SAD"),
    "side_serbia": ("Serbia", "Srbija"),
    "side_joint": ("Joint", "Zajednički"),
    "astate_planned": ("Planned", "Planirano"),
    "astate_in_progress": ("In progress", "U toku"),
    "astate_done": ("Done", "Završeno"),
    "astate_delayed": ("Delayed", "Kasni"),
    "astate_dropped": ("Dropped", "Odustalo se"),
    "cstate_open": ("Open", "Otvoreno"),
    "cstate_kept": ("Kept", "Ispunjeno"),
    "cstate_partly_kept": ("Partly kept", "Delimično ispunjeno"),
    "cstate_not_kept": ("Not kept", "Nije ispunjeno"),
    "cstate_dropped": ("Dropped", "Odustalo se"),
    "gstate_active": ("Active", "Aktivna"),
    "gstate_paused": ("Paused", "Pauzirana"),
    "gstate_closed": ("Closed", "Zatvorena"),
    # labels of the other stored codes (dialogue.code_words accepts every label on upload too)
    "agstatus_signed": ("Signed", "Potpisan"),
    "agstatus_in_force": ("In force", "Na snazi"),
    "agstatus_planned": ("Planned", "Planiran"),
    "agstatus_terminated": ("Terminated", "Raskinut"),
    "category_defence": ("Defence", "Odbrana"),
    "category_economic": ("Economic", "Ekonomija"),
    "category_energy": ("Energy", "Energetika"),
    "category_tax": ("Tax", "Porezi"),
    "category_finance": ("Finance", "Finansije"),
    "category_trade": ("Trade", "Trgovina"),
    "category_education": ("Education", "Obrazovanje"),
    "category_culture": ("Culture", "Kultura"),
    "category_political": ("Political", "Politika"),
    "category_other": ("Other", "Ostalo"),
    "evkind_milestone_achieved": ("Milestone achieved", "Prekretnica ostvarena"),
    "evkind_progress": ("Progress", "Napredak"),
    "evkind_inaugural_meeting": ("Inaugural meeting", "Inauguralni sastanak"),
    "evkind_annual_meeting": ("Annual meeting", "Godišnji sastanak"),
    "evkind_quarterly_report": ("Quarterly report", "Kvartalni izveštaj"),
    "evkind_annual_report": ("Annual report", "Godišnji izveštaj"),
    "evkind_public_report": ("Public report", "Javni izveštaj"),
    "evkind_working_group_meeting": ("Working group meeting", "Sastanak radne grupe"),
    "evkind_coordination_meeting": ("Coordination meeting", "Koordinacioni sastanak"),
    "evkind_diplomat_training": ("Diplomat training", "Obuka diplomata"),
    "evkind_visit": ("Visit", "Poseta"),
    "evkind_context": ("Context", "Kontekst"),
    "precision_day": ("Day", "Dan"),
    "precision_month": ("Month", "Mesec"),
    "precision_year": ("Year", "Godina"),
    "participation_yes": ("Yes", "Da"),
    "participation_no": ("No", "Ne"),
    "participation_unclear": ("Unclear", "Nejasno"),
    "currency_USD": ("US dollar", "Američki dolar"),
    "currency_EUR": ("Euro", "Evro"),
    "currency_RSD": ("Serbian dinar", "Srpski dinar"),
    "confidence_high": ("High", "Visoka"),
    "confidence_medium": ("Medium", "Srednja"),
    "confidence_low": ("Low", "Niska"),
    "method_confidence": ("Delivery confidence (quarterly assessments)", "Pouzdanost ostvarenja (kvartalne procene)"),
    "method_confidence_text": ("Each quarter an analyst may assess a target; another analyst or an administrator "
                               "approves it. High: the target will be met on time on current plans. Medium: it can "
                               "be met, but some actions are late or at risk. Low: it will not be met without new "
                               "decisions or resources. An assessment is shown beside the computed status and never "
                               "replaces it.",
                               "Analitičar svakog kvartala može da proceni cilj; procenu odobrava drugi analitičar "
                               "ili administrator. Visoka: cilj će biti ostvaren na vreme po postojećim planovima. "
                               "Srednja: može biti ostvaren, ali neke mere kasne ili su ugrožene. Niska: neće biti "
                               "ostvaren bez novih odluka ili sredstava. Procena se prikazuje pored izračunatog "
                               "statusa i nikad ga ne zamenjuje."),
    "method_delivery": ("Delivery rules", "Pravila realizacije"),
    "method_delivery_text": ("An action is overdue when its due date is before the as-of date and it is neither done "
                             "nor dropped (due on the as-of date is not yet overdue); a commitment is overdue on the "
                             "same rule while it is still open. An action is slipping when its progress is more than "
                             "{P} percentage points below the share of its time (start to due date) elapsed. A working "
                             "group is active when it met within the last {M} months. An action without dates is "
                             "never overdue or slipping.",
                             "Mera ima prekoračen rok kad je rok pre dana preseka, a nije završena niti se od nje "
                             "odustalo (rok na sam dan preseka još nije prekoračen); obaveza po istom pravilu dok je "
                             "otvorena. Mera zaostaje kad joj je napredak za više od {P} procentnih poena manji od "
                             "proteklog dela njenog vremena (od početka do roka). Radna grupa je aktivna kad se "
                             "sastala u poslednjih {M} meseci. Mera bez datuma nikad nema prekoračen rok niti zaostaje."),
    "method_roadmap_delivery": ("Road-map steps measured by delivery", "Koraci mape puta mereni realizacijom"),
    "method_roadmap_delivery_text": ("Step V is achieved when every framework area that has targets has a working "
                                     "group with an action plan (at least one action). Step VI is counted each year "
                                     "from the working groups' meetings (at least {meetings} a year) and their "
                                     "completed actions (at least {done} a year: actions in state done, dated by "
                                     "their last update, else their due date); both counts must be met. Step VIII's "
                                     "parts include sector coordination meetings.",
                                     "Korak V je ostvaren kad svaka oblast saradnje koja ima ciljeve ima radnu grupu "
                                     "sa akcionim planom (bar jednom merom). Korak VI se svake godine meri sastancima "
                                     "radnih grupa (bar {meetings} godišnje) i njihovim završenim merama (bar {done} "
                                     "godišnje: mere u stanju završeno, datirane poslednjim ažuriranjem, inače rokom); "
                                     "oba broja moraju biti dostignuta. Delovi koraka VIII obuhvataju koordinacione "
                                     "sastanke po sektorima."),
    # method
    "method_title": ("How the statuses are computed", "Kako se računaju statusi"),
    "method_statuses": ("Status words", "Nazivi statusa"),
    "method_rules": ("Rules by kind of target", "Pravila po vrsti cilja"),
    "method_targets": ("Targets as the targets file states them", "Ciljevi kako ih navodi datoteka ciljeva"),
    "method_targets_all": ("All {n} targets with their parameters, deadlines and assumptions",
                           "Svi ciljevi sa parametrima, rokovima i pretpostavkama ({n})"),
    "method_sources": ("Data sources", "Izvori podataka"),
    # kind names and rules; formula variables are {placeholders} so they stay Latin in Cyrillic (views.method fills them)
    "kindname_growth": ("Growth", "Rast"),
    "kindname_annual_count": ("Annual count", "Godišnji broj"),
    "kindname_window_count": ("Count within a period", "Broj u periodu"),
    "kindname_milestone": ("Milestone", "Prekretnica"),
    "kind_growth": ("For a closed year, growth = {V}({Y})/{V}({Y}−1) − 1, achieved if at least the rate, else missed. For the current year, months with data are compared with the same months a year earlier: on track at or above the rate, at risk at 60% of it or more, off track below.",
                    "Za završenu godinu rast = {V}({Y})/{V}({Y}−1) − 1, ostvaren ako je najmanje jednak stopi, inače nije ostvaren. Za tekuću godinu meseci sa podacima porede se sa istim mesecima godinu ranije: na dobrom putu ako je rast najmanje jednak stopi, ugroženo ako je najmanje 60% stope, zaostaje ispod toga."),
    "kind_annual_count": ("A closed year is achieved with at least {N}, else missed. In the current year, with {H} held, {P} planned for the rest of the year and {f} the elapsed share of the year (the as-of day included), {X} = ⌊{N}·{f} + ½⌋ are expected by now ({N}·{f} rounded half up): achieved once {H} ≥ {N}; on track if {H} + {P} ≥ {N} or {H} ≥ {X}; otherwise at risk while at least a quarter of the year remains, then off track. With nothing of the target's kind recorded at all the status is no data; once something is recorded, a year without any is a real 0. A projection (likely or unlikely) is given only when it agrees with the status.",
                          "Završena godina je ostvarena sa najmanje {N}, inače nije. U tekućoj godini, uz {H} održanih, {P} planiranih do kraja godine i {f} kao protekli deo godine (uključujući dan preseka), do sada se očekuje {X} = ⌊{N}·{f} + ½⌋ ({N}·{f} zaokruženo, polovina naviše): ostvareno kad je {H} ≥ {N}; na dobrom putu ako je {H} + {P} ≥ {N} ili {H} ≥ {X}; inače ugroženo dok preostaje bar četvrtina godine, zatim zaostaje. Dok ništa od onoga što cilj broji nije zabeleženo, status je nema podataka; kad postoji zapis, godina bez ijednog je stvarna 0. Procena (verovatno ili malo verovatno) daje se samo kad se slaže sa statusom."),
    "kind_window_count": ("{N} within {W} years of the dialogue's start. Not started before the start; achieved on the {N}-th; missed after the window. Inside it, with {H} counted so far and {f} the elapsed share of the window, {X} = ⌊{N}·{f} + ½⌋ are expected by now: on track if {H} ≥ {X}; otherwise at risk while at least a quarter of the window remains, then off track. A projection is given only when it agrees with the status.",
                          "{N} u roku od {W} godina od početka dijaloga. Nije započeto pre početka; ostvareno sa {N}-tim; nije ostvareno posle isteka perioda. U toku perioda, uz {H} izbrojanih do sada i {f} kao protekli deo perioda, do sada se očekuje {X} = ⌊{N}·{f} + ½⌋: na dobrom putu ako je {H} ≥ {X}; inače ugroženo dok preostaje bar četvrtina perioda, zatim zaostaje. Procena se daje samo kad se slaže sa statusom."),
    "kind_milestone": ("Achieved when an achieving event is dated on or before the as-of date; missed past the deadline; a year or more before it on track with a progress event, else not started; within a year, at risk with progress, off track without.",
                       "Ostvareno kad postoji događaj ostvarenja do dana preseka; nije ostvareno posle roka; godinu ili više pre roka na dobrom putu uz događaj napretka, inače nije započeto; u poslednjoj godini ugroženo uz napredak, zaostaje bez njega."),
    "status_def_achieved": ("The target is met.", "Cilj je ispunjen."),
    "status_def_on_track": ("Not met yet, but at the pace the target needs.", "Još nije ispunjen, ali tempom koji cilj zahteva."),
    "status_def_at_risk": ("Behind the pace, with time left to catch up.", "Zaostaje za tempom, ali ima vremena da se nadoknadi."),
    "status_def_off_track": ("Behind the pace, with too little time left.", "Zaostaje za tempom, a preostalo je premalo vremena."),
    "status_def_missed": ("The deadline or period has passed without meeting the target.", "Rok ili period je istekao, a cilj nije ispunjen."),
    "status_def_not_started": ("Nothing to measure yet (before the start, or no progress recorded).", "Još nema šta da se meri (pre početka ili bez zabeleženog napretka)."),
    "status_def_no_data": ("Nothing the target is measured on is recorded yet (nothing uploaded); never shown as a 0.",
                           "Još ništa od onoga na osnovu čega se cilj meri nije zabeleženo (ništa nije otpremljeno); nikad se ne prikazuje kao 0."),
    "col_meaning": ("Meaning", "Značenje"),
    "method_sources_text": ("Reference data come from public, cited sources (US Census Bureau, Statistical Office of the Republic of Serbia, UN Comtrade, ministries and embassies); each row carries its source. Demo data are synthetic and labelled so everywhere.",
                            "Referentni podaci potiču iz javnih izvora sa navodima (Biro za popis SAD, Republički zavod za statistiku, UN Comtrade, ministarstva i ambasade); svaki red nosi svoj izvor. Demo podaci su izmišljeni i svuda tako označeni."),
    "col_id": ("Id", "Oznaka"),
    "col_wording": ("Wording", "Tekst cilja"),
    "col_params": ("Parameters", "Parametri"),
    "col_assumptions": ("Assumptions", "Pretpostavke"),
    # data page
    "data_title": ("Data", "Podaci"),
    "data_upload": ("Upload a file", "Otpremite datoteku"),
    "data_upload_help": ("Our template, or a file as published by the US Census Bureau, UN Comtrade or RZS (.xlsx, .xlsm, .xls, .ods, .csv, .txt).",
                         "Naš šablon ili datoteka kako je objavljuju Biro za popis SAD, UN Comtrade ili RZS (.xlsx, .xlsm, .xls, .ods, .csv, .txt)."),
    "data_dataset": ("Dataset", "Skup podataka"),
    "data_dataset_auto": ("Recognise from the headers", "Prepoznaj po zaglavljima"),
    "data_mode": ("Mode", "Način"),
    "mode_merge": ("Merge (add and update rows)", "Spajanje (dodaj i ažuriraj redove)"),
    "mode_replace": ("Replace the dataset", "Zameni ceo skup"),
    "data_encoding": ("Text encoding", "Kodna strana"),
    "encoding_auto": ("Detect automatically", "Automatski"),
    "data_include_hidden": ("Include hidden sheets", "Uključi skrivene listove"),
    "data_include_hidden_help": ("Hidden and very hidden sheets of a workbook are skipped unless this is ticked; the notes on reading the file name any that were skipped.",
                                 "Skriveni i veoma skriveni listovi radne sveske preskaču se ako ovo nije označeno; napomene o čitanju datoteke navode preskočene listove."),
    "data_encoding_preview": ("How Serbian letters read with this encoding: {sample}",
                              "Kako se srpska slova čitaju sa ovom kodnom stranom: {sample}"),
    "data_encoding_uncertain": ("The encoding could not be detected with certainty. Choose the one under which the Serbian letters (č, ć, š, ž, đ) read correctly.",
                                "Kodna strana nije sigurno prepoznata. Izaberite onu sa kojom se srpska slova (č, ć, š, ž, đ) pravilno čitaju."),
    "data_rejected": ("The file was rejected; nothing was written.", "Datoteka je odbijena; ništa nije upisano."),
    "data_problems": ("Problems found", "Pronađeni problemi"),
    "data_preview": ("What the commit will change", "Šta će potvrda promeniti"),
    "data_added": ("Added ({n})", "Dodato ({n})"),
    "data_updated": ("Updated ({n})", "Izmenjeno ({n})"),
    "data_removed": ("Removed ({n})", "Uklonjeno ({n})"),
    "data_unchanged": ("{n} rows unchanged.", "{n} redova bez promene."),
    "data_commit": ("Commit", "Potvrdi"),
    "data_committed": ("Committed as upload #{n}.", "Potvrđeno kao otpremanje br. {n}."),
    "data_nothing": ("Nothing to change: the file holds what is already stored.",
                     "Nema promena: datoteka sadrži ono što je već sačuvano."),
    "data_warnings": ("Notes on reading the file", "Napomene o čitanju datoteke"),
    "data_history": ("History of uploads", "Istorija otpremanja"),
    "data_history_empty": ("No uploads yet.", "Još nema otpremanja."),
    "data_rollback": ("Roll back upload #{n}", "Poništi otpremanje br. {n}"),
    "data_rollback_rule": ("Rolling back an upload leaves the dataset as the uploads still active give it, replayed "
                           "in order, as if that upload had never been made: values a later upload set stay. A "
                           "rollback cannot itself be rolled back; to bring an upload's rows back, upload its file "
                           "again.",
                           "Poništavanje otpremanja ostavlja skup podataka onakvim kakav ga daju otpremanja koja su "
                           "još aktivna, primenjena redom, kao da to otpremanje nikada nije izvršeno: vrednosti koje "
                           "je postavilo kasnije otpremanje ostaju. Poništavanje se ne može poništiti; da biste "
                           "vratili redove nekog otpremanja, ponovo otpremite njegovu datoteku."),
    "data_rolled_back": ("Upload #{old} rolled back as upload #{new}.",
                         "Otpremanje br. {old} poništeno kao otpremanje br. {new}."),
    "data_rollback_confirm": ("Roll back upload #{n}: {file} ({dataset}, {mode}, by {user}, {time})? It undoes what "
                              "that upload did: {added} rows it added, {updated} rows it changed and {removed} rows it "
                              "removed, except that rows a later upload set keep its values. The rollback is recorded "
                              "as a new upload.",
                              "Poništiti otpremanje br. {n}: {file} ({dataset}, {mode}, {user}, {time})? Poništava "
                              "ono što je to otpremanje uradilo: {added} dodatih, {updated} izmenjenih i {removed} "
                              "uklonjenih redova, osim što redovi koje je postavilo kasnije otpremanje zadržavaju "
                              "njegove vrednosti. Poništavanje se beleži kao novo otpremanje."),
    "data_rollback_yes": ("Yes, roll back upload #{n}", "Da, poništi otpremanje br. {n}"),
    "data_rollback_no": ("Cancel", "Odustani"),
    "hist_upload": ("Upload", "Otpremanje"),
    "hist_dataset": ("Dataset", "Skup podataka"),
    "hist_file": ("File", "Datoteka"),
    "hist_user": ("By", "Ko"),
    "hist_time": ("When", "Kada"),
    "hist_mode": ("Mode", "Način"),
    "hist_added": ("Added", "Dodato"),
    "hist_updated": ("Updated", "Izmenjeno"),
    "hist_unchanged": ("Unchanged", "Bez promene"),
    "hist_removed": ("Removed", "Uklonjeno"),
    "hist_state": ("State", "Stanje"),
    "hist_mode_merge": ("merge", "spajanje"),
    "hist_mode_replace": ("replace", "zamena"),
    "hist_mode_rollback": ("rollback", "poništavanje"),
    "hist_active": ("active", "aktivno"),
    "hist_rolled_back_by": ("rolled back by #{n}", "poništeno otpremanjem br. {n}"),
    "hist_undoes": ("undoes #{n}", "poništava br. {n}"),
    "data_templates": ("Templates", "Šabloni"),
    "data_template_download": ("Template: {ds}", "Šablon: {ds}"),
    "data_browser": ("Browse a dataset", "Pregled skupa podataka"),
    "data_filter": ("Filter rows containing", "Filtriraj redove koji sadrže"),
    "data_rows": ("{n} rows", "{n} redova"),
    "data_rows_shown": ("{n} rows; the first {shown} are shown here, the downloads hold every row",
                        "{n} redova; ovde je prikazano prvih {shown}, preuzimanja sadrže sve redove"),
    "data_download_csv": ("Download CSV", "Preuzmi CSV"),
    "data_download_xlsx": ("Download XLSX", "Preuzmi XLSX"),
    "data_guide": ("Where to get the data", "Odakle preuzeti podatke"),
    "data_guide_missing": ("The guide is not written yet.", "Vodič još nije napisan."),
    "data_need_analyst": ("Uploading needs the analyst role.", "Za otpremanje je potrebna uloga analitičara."),
    "data_not_available": ("This part is not available yet: {what}.", "Ovaj deo još nije dostupan: {what}."),
    "ds_trade": ("Trade", "Trgovina"),
    "ds_exercises": ("Exercises", "Vežbe"),
    "ds_agreements": ("Agreements", "Sporazumi"),
    "ds_events": ("Events", "Događaji"),
    "ds_working_groups": ("Working groups", "Radne grupe"),
    "ds_actions": ("Actions (action plans)", "Mere (akcioni planovi)"),
    "ds_commitments": ("Commitments", "Obaveze"),
    "col_sheet": ("Sheet", "List"),
    "col_row": ("Row", "Red"),
    "col_column": ("Column", "Kolona"),
    "col_value": ("Value", "Vrednost"),
    "col_message": ("Message", "Poruka"),
    "col_key": ("Row", "Red"),
    "col_old": ("Old", "Staro"),
    "col_new": ("New", "Novo"),
}


def cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic (Serbian acronyms such as SAD, EU included; codes such as USD kept)."""
    return to_cyrillic(text)


_DATE_STOP = re.compile(r"(\d{1,2}\. \d{1,2}\. \d{4}\.)\.")


# Serbia in the region (issue 17): the Trade page's section, the briefing's and the partners' names.
_REGION_STRINGS: dict[str, tuple[str, str]] = {
    "ds_peer_trade": ("Trade of the region with the US", "Trgovina regiona sa SAD"),
    "region_title": ("Serbia in the region", "Srbija u regionu"),
    "region_intro": ("US goods trade with Serbia and its neighbours, for comparison only: these figures never "
                     "count toward a target. One series throughout: {series}.",
                     "Robna razmena SAD sa Srbijom i njenim susedima, samo radi poređenja: ove brojke se nikada "
                     "ne računaju u cilj. Svuda jedna serija: {series}."),
    "region_series": ("Series of the region", "Serija regiona"),
    "region_base_year": ("Base year (= 100)", "Bazna godina (= 100)"),
    "region_index_title": ("Turnover index per partner, {base} = 100", "Indeks prometa po partneru, {base} = 100"),
    "region_growth_title": ("Year-on-year growth per partner against {rate}",
                            "Međugodišnji rast po partneru prema cilju od {rate}"),
    "region_rank_title": ("Serbia's rank by growth, each year", "Mesto Srbije po rastu, svake godine"),
    "region_rank_of": ("{rank} of {n}", "{rank}. od {n}"),
    "region_missing": ("No figures in this workspace for: {names}.",
                       "U ovom radnom prostoru nema podataka za: {names}."),
    "region_one_flow": ("Left out because one flow is missing (a period counts only when both are known): {items}.",
                        "Izostavljeno jer nedostaje jedan tok (period se računa samo kada su poznata oba): {items}."),
    "region_one_flow_item": ("{partner}: {flow} missing in {periods}", "{partner}: nedostaje „{flow}“ za {periods}"),
    "region_partial_note": ("{period} compares those months with the same months of the year before.",
                            "{period} poredi te mesece sa istim mesecima prethodne godine."),
    "what_region": ("US trade figures of Serbia's neighbours (dataset peer_trade, e.g. the Census country.xlsx "
                    "uploaded as peer_trade)",
                    "podaci o trgovini suseda Srbije sa SAD (skup podataka peer_trade, npr. Census country.xlsx "
                    "otpremljen kao peer_trade)"),
    "axis_index": ("Index ({base} = 100)", "Indeks ({base} = 100)"),
    "axis_partner": ("Partner", "Partner"),
    "col_rank": ("Rank", "Mesto"),
    "col_months": ("Months", "Meseci"),
    "col_turnover": ("Turnover", "Promet"),
    "partner_AL": ("Albania", "Albanija"),
    "partner_BA": ("Bosnia and Herzegovina", "Bosna i Hercegovina"),
    "partner_XK": ("Kosovo", "Kosovo"),
    "partner_ME": ("Montenegro", "Crna Gora"),
    "partner_MK": ("North Macedonia", "Severna Makedonija"),
    "partner_RS": ("Serbia", "Srbija"),
    "partner_HR": ("Croatia (EU)", "Hrvatska (EU)"),
    "peerflow_us_exports": ("US exports to the partner", "Izvoz SAD partneru"),
    "peerflow_us_imports": ("US imports from the partner", "Uvoz SAD od partnera"),
    "peerflow_partner_exports": ("The partner's exports to the US", "Izvoz partnera u SAD"),
    "peerflow_partner_imports": ("The partner's imports from the US", "Uvoz partnera iz SAD"),
}
_STRINGS.update(_REGION_STRINGS)

# The command line's texts and the refusals it shares with the pages (issue 16).
from dialogue.i18n_admin import ADMIN_STRINGS  # noqa: E402 - data only, merged once
from dialogue.i18n_cli import CLI_STRINGS  # noqa: E402

_STRINGS.update(CLI_STRINGS)
_STRINGS.update(ADMIN_STRINGS)


def _table(lang: str) -> int:
    return 0 if is_english(lang) else 1


def t(key: str, lang: str = "en", **kw) -> str:
    """The UI string `key` in `lang`, with {placeholders} filled from kw."""
    text = _STRINGS[key][_table(lang)]
    if lang == "sr-Cyrl":
        text = cyrillic(text)
    if not kw:
        return text
    text = text.format(**kw)
    # a Serbian date ends with a full stop ("27. 11. 2026."): a sentence ending on it takes no second one
    return text if is_english(lang) else _DATE_STOP.sub(r"\1", text)


def label(prefix: str, value, lang: str = "en") -> str:
    """The UI word for a stored code (e.g. label("format", "cyber")), or the code itself when none is defined."""
    key = f"{prefix}_{value}"
    return t(key, lang) if key in _STRINGS else str(value)


def keys() -> list[str]:
    return list(_STRINGS)


def has(key: str) -> bool:
    return key in _STRINGS
