"""Texts of the reading, checking and storing layers by code (refusals, layout problems, warnings, the ingest report's
sentence), kept apart from dialogue.messages so each layer's wording is found in one place."""
from __future__ import annotations

# code -> (English, Serbian Latin); dialogue.messages merges these into TEMPLATES (Cyrillic by transliteration).
# Product and format names go in {placeholders} or capitals, so the Cyrillic keeps them in Latin letters.
READING: dict[str, tuple[str, str]] = {
    # ---- the file as a whole (dialogue/sheets.py) ----------------------------------------------------------
    "file_empty": ("The file is empty.", "Datoteka je prazna."),
    "file_too_large": ("The file is {size} MB; the limit is {limit} MB.",
                       "Datoteka ima {size} MB; granica je {limit} MB."),
    "file_other_kind": ("This file is {what}, not a spreadsheet (whatever its name says). Upload .xlsx, .ods or .csv.",
                        "Ova datoteka je {what}, a ne tabela (bez obzira na ime). Pošaljite XLSX, ODS ili CSV."),
    "kind_document": ("a {name} document", "dokument {name}"),
    "kind_program": ("a program ({name})", "program ({name})"),
    "kind_image": ("a {name} image", "slika {name}"),
    "kind_archive": ("a {name} archive", "arhiva {name}"),
    "kind_database": ("a {name} database", "baza podataka {name}"),
    "file_is_html": ("This file is a web page (HTML), not a spreadsheet. Open it in Excel or LibreOffice and save "
                     "it as .xlsx.",
                     "Ova datoteka je veb-stranica (HTML), a ne tabela. Otvorite je u Excelu i sačuvajte kao XLSX."),
    "file_is_xml": ("This file is XML (perhaps an Excel 2003 XML workbook), not a spreadsheet we can read safely. "
                    "Open it in Excel and save it as .xlsx.",
                    "Ova datoteka je XML (možda Excel 2003 XML radna sveska), a ne tabela koju možemo bezbedno da "
                    "pročitamo. Otvorite je u Excelu i sačuvajte kao XLSX."),
    "zip_damaged": ("The file looks like an .xlsx/.ods (zip) but is damaged ({detail}). Open it in Excel or "
                    "LibreOffice and save it again.",
                    "Datoteka liči na XLSX/ODS (ZIP), ali je oštećena ({detail}). Otvorite je u Excelu i ponovo "
                    "je sačuvajte."),
    "file_is_xlsb": ("This is a binary Excel workbook (.xlsb). Save it as .xlsx.",
                     "Ovo je binarna Excel radna sveska (XLSB). Sačuvajte je kao XLSX."),
    "file_is_odf_other": ("This is an OpenDocument file but not a spreadsheet (.ods).",
                          "Ovo je OpenDocument datoteka, ali nije tabela (ODS)."),
    "file_is_docx": ("This is a Word document (.docx), not a spreadsheet.",
                     "Ovo je Word dokument (DOCX), a ne tabela."),
    "file_is_pptx": ("This is a PowerPoint file (.pptx), not a spreadsheet.",
                     "Ovo je PowerPoint datoteka (PPTX), a ne tabela."),
    "file_is_zip": ("This is a zip archive, not a spreadsheet. Upload the .xlsx, .ods or .csv itself.",
                    "Ovo je ZIP arhiva, a ne tabela. Pošaljite samu XLSX, ODS ili CSV datoteku."),
    "file_is_doc": ("This is a Word document (.doc), not a spreadsheet.", "Ovo je Word dokument (DOC), a ne tabela."),
    "file_is_ole2_other": ("This is an old Office file (OLE2) that is not an Excel workbook. Save the data as .xlsx.",
                           "Ovo je stara Office datoteka (OLE2) koja nije Excel radna sveska. Sačuvajte podatke "
                           "kao XLSX."),
    "archive_too_many_members": ("The archive has {count} members (limit {limit}); it is not a normal spreadsheet.",
                                 "Arhiva ima {count} delova (granica je {limit}); to nije obična tabela."),
    "archive_too_large": ("The spreadsheet would unpack to {size} MB (limit {limit} MB): refused as a possible zip "
                          "bomb. Split it into smaller files.",
                          "Tabela bi se raspakovala na {size} MB (granica je {limit} MB): odbijena kao moguća ZIP "
                          "bomba. Podelite je na manje datoteke."),
    "archive_encrypted": ("The spreadsheet archive is encrypted. Remove the password and save it again as .xlsx.",
                          "Arhiva tabele je šifrovana. Uklonite lozinku i ponovo je sačuvajte kao XLSX."),
    "archive_member_ratio": ("The member {member!r} unpacks {ratio} times its packed size (limit {limit}): refused "
                             "as a possible zip bomb.",
                             "Deo {member!r} se raspakuje na {ratio} puta veću veličinu od spakovane (granica je "
                             "{limit}): odbijen kao moguća ZIP bomba."),
    "archive_member_damaged": ("The spreadsheet archive is damaged (bad member header). Save it again as .xlsx.",
                               "Arhiva tabele je oštećena (loše zaglavlje dela). Ponovo je sačuvajte kao XLSX."),
    "archive_member_compression": ("The archive member {member!r} uses an unusual compression; save the file again "
                                   "as .xlsx.",
                                   "Deo arhive {member!r} koristi neuobičajenu kompresiju; ponovo sačuvajte datoteku "
                                   "kao XLSX."),
    "archive_xml_entities": ("The member {member!r} declares XML entities (a 'billion laughs' attack or a damaged "
                             "file); refused.",
                             "Deo {member!r} deklariše XML entitete (napad „milijardu smehova” ili oštećena "
                             "datoteka); odbijeno."),
    "archive_overflow": ("The spreadsheet unpacks to more than it declares or more than {limit} MB: refused as a "
                         "possible zip bomb.",
                         "Tabela se raspakuje na više nego što navodi ili na više od {limit} MB: odbijena kao moguća "
                         "ZIP bomba."),
    "archive_damaged": ("The spreadsheet archive is damaged ({detail}). Save it again as .xlsx.",
                        "Arhiva tabele je oštećena ({detail}). Ponovo je sačuvajte kao XLSX."),
    "workbook_password": ("This workbook is protected with a password, so it cannot be read. Open it in Excel, "
                          "remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) "
                          "and save it as .xlsx.",
                          "Ova radna sveska je zaštićena lozinkom, pa ne može da se pročita. Otvorite je u Excelu, "
                          "uklonite lozinku (Datoteka > Informacije > Zaštiti radnu svesku > Šifruj lozinkom, "
                          "obrišite je) i sačuvajte kao XLSX."),
    "xls_unreadable": ("This old-style Excel file (.xls) could not be read ({detail}). Open it in Excel and save it "
                       "as .xlsx.",
                       "Ova stara Excel datoteka (XLS) ne može da se pročita ({detail}). Otvorite je u Excelu i "
                       "sačuvajte kao XLSX."),
    "spreadsheet_unreadable": ("The spreadsheet could not be read ({detail}). Open it in Excel or LibreOffice and "
                               "save it again as .xlsx.",
                               "Tabela ne može da se pročita ({detail}). Otvorite je u Excelu i ponovo sačuvajte "
                               "kao XLSX."),
    "sheet_hidden": ("{name!r} (hidden)", "{name!r} (skriven)"),
    "sheet_very_hidden": ("{name!r} (very hidden)", "{name!r} (potpuno skriven)"),
    "hidden_sheets_read": ("Read hidden sheet(s) as asked: {sheets}.", "Pročitani su skriveni listovi, kako je traženo: {sheets}."),
    "hidden_sheets_skipped": ("Skipped hidden sheet(s): {sheets}. A hidden sheet is often an old copy or a lookup "
                              "table; to read it too, ingest with --include-hidden (on the Data page: tick "
                              "'Include hidden sheets').",
                              "Preskočeni su skriveni listovi: {sheets}. Skriven list je često stara kopija ili "
                              "pomoćna tabela; da biste i njega pročitali, učitajte sa --include-hidden (na stranici "
                              "Podaci: označite „Uključi skrivene listove”)."),
    "all_sheets_hidden": ("Every sheet of the workbook is hidden ({sheets}); unhide the sheet that holds the data, "
                          "or ingest with --include-hidden.",
                          "Svi listovi radne sveske su skriveni ({sheets}); otkrijte list sa podacima ili učitajte "
                          "sa --include-hidden."),
    "macros_not_run": ("The workbook contains macros; they were not run, only the cell values were read.",
                       "Radna sveska sadrži makroe; nisu pokrenuti, pročitane su samo vrednosti ćelija."),
    "sheet_too_wide": ("Sheet {sheet!r} has {width} columns (limit {limit}).",
                       "List {sheet!r} ima {width} kolona (granica je {limit})."),
    "sheet_too_long": ("Sheet {sheet!r} has {height} rows (limit {limit}).",
                       "List {sheet!r} ima {height} redova (granica je {limit})."),
    "sheet_cell_too_far": ("A sheet has a cell in column {column} (limit {limit} columns).",
                           "Jedan list ima ćeliju u koloni {column} (granica je {limit} kolona)."),
    "sheet_rows_lost": ("Sheet {sheet!r} holds values down to row {expected}, but only rows up to {read} could be "
                        "read; the file may be damaged. Open it in Excel and save it again as .xlsx.",
                        "List {sheet!r} ima vrednosti do reda {expected}, ali su pročitani samo redovi do {read}; "
                        "datoteka je možda oštećena. Otvorite je u Excelu i ponovo sačuvajte kao XLSX."),
    "row_too_wide": ("Row {row} has {width} columns (limit {limit}).", "Red {row} ima {width} kolona (granica je {limit})."),
    "file_too_many_rows": ("The file has {count} rows (limit {limit}).", "Datoteka ima {count} redova (granica je {limit})."),
    "file_more_rows_than": ("The file has more than {limit} rows.", "Datoteka ima više od {limit} redova."),
    # ---- text encodings (dialogue/sheets.py) ------------------------------------------------------------
    "encoding_wrong": ("The file cannot be read as {encoding} ({detail}).",
                       "Datoteka ne može da se pročita kao {encoding} ({detail})."),
    "utf16_le_no_bom": ("Read as UTF-16 (little-endian) without a byte-order mark.",
                        "Pročitano kao UTF-16 (little-endian) bez oznake redosleda bajtova."),
    "utf16_be_no_bom": ("Read as UTF-16 (big-endian) without a byte-order mark.",
                        "Pročitano kao UTF-16 (big-endian) bez oznake redosleda bajtova."),
    "nul_byte": ("The file contains a NUL byte (line {line}): it is binary or damaged, not a text CSV. Export the "
                 "data again as CSV (UTF-8) or .xlsx.",
                 "Datoteka sadrži NUL bajt (red {line}): binarna je ili oštećena, nije tekstualni CSV. Ponovo izvezite "
                 "podatke kao CSV (UTF-8) ili XLSX."),
    "encoding_detected": ("Read as {name} (detected).", "Pročitano kao {name} (prepoznato)."),
    "encoding_cp1250": ("{name} (Central European, Serbian Latin)", "{name} (srednjoevropsko, srpska latinica)"),
    "encoding_cp1251": ("{name} (Cyrillic)", "{name} (ćirilica)"),
    "encoding_latin1": ("{name} (Western European)", "{name} (zapadnoevropsko)"),
    "encoding_uncertain": ("The file is not UTF-8 and its code page cannot be known for sure. Choose the encoding "
                           "whose preview shows the letters correctly (on the command line: --encoding NAME): "
                           "{choices}",
                           "Datoteka nije u UTF-8 i njena kodna strana ne može pouzdano da se odredi. Izaberite "
                           "kodiranje čiji pregled pravilno prikazuje slova (na komandnoj liniji: --encoding i naziv): "
                           "{choices}"),
    "bad_bytes": ("The file claims {encoding} but byte {byte} (line {line}) is not valid {encoding}. Save it again "
                  "as CSV UTF-8.",
                  "Datoteka tvrdi da je {encoding}, ali bajt {byte} (red {line}) nije ispravan {encoding}. Ponovo je "
                  "sačuvajte kao CSV UTF-8."),
    # ---- finding the table (dialogue/reading.py) ----------------------------------------------------------
    "dataset_name_unknown": ("Unknown dataset; expected one of: {names}.",
                             "Nepoznat skup podataka; očekuje se jedan od: {names}."),
    "file_too_large_memory": ("The file is too large to read in memory; split it.",
                              "Datoteka je prevelika da bi se pročitala u memoriji; podelite je."),
    "file_unreadable": ("The file could not be read ({error}). Save it again as .xlsx or CSV UTF-8.",
                        "Datoteka ne može da se pročita ({error}). Ponovo je sačuvajte kao XLSX ili CSV UTF-8."),
    "sheets_read": ("Read {count} sheets with the same columns: {sheets}",
                    "Pročitano je listova sa istim kolonama: {count} ({sheets})"),
    "header_without_rows": ("The header row was found but there are no data rows below it.",
                            "Red sa zaglavljem je pronađen, ali ispod njega nema redova sa podacima."),
    "columns_not_used": ("Columns not used: {columns}", "Kolone koje nisu korišćene: {columns}"),
    "note_rows_skipped": ("Skipped {count} note row(s) outside the table's columns or below it.",
                          "Preskočeno je redova sa napomenama izvan kolona tabele ili ispod nje: {count}."),
    "value_without_header": ("a value stands in a column with no header (an extra field?); give the column a header "
                             "or remove the value",
                             "vrednost stoji u koloni bez zaglavlja (višak polja?); dajte koloni zaglavlje ili "
                             "uklonite vrednost"),
    "layout_failed": ("The file looks like the {layout} layout but could not be converted ({error}).",
                      "Datoteka liči na raspored {layout}, ali ne može da se pretvori ({error})."),
    "header_lacks_required": ("The header row looks like the {dataset} template but lacks required column(s): "
                              "{missing}. Headers found: {found}. Expected the template's columns: {expected}.",
                              "Red sa zaglavljem liči na šablon {dataset}, ali mu nedostaju obavezne kolone: "
                              "{missing}. Pronađena zaglavlja: {found}. Očekuju se kolone šablona: {expected}."),
    "no_header_row": ("No header row matching {what} or a known layout was found. Known layouts: {known}. Headers "
                      "found (row {row}): {found}.",
                      "Nije pronađen red sa zaglavljem koji odgovara {what} ili poznatom rasporedu. Poznati "
                      "rasporedi: {known}. Pronađena zaglavlja (red {row}): {found}."),
    "no_header_row_empty": ("No header row matching {what} or a known layout was found. Known layouts: {known}. "
                            "The sheet is empty.",
                            "Nije pronađen red sa zaglavljem koji odgovara {what} ili poznatom rasporedu. Poznati "
                            "rasporedi: {known}. List je prazan."),
    "what_template": ("the {dataset} template", "šablonu {dataset}"),
    "what_any_template": ("any dataset template", "nekom šablonu skupa podataka"),
    # ---- cells (dialogue/cells.py, dialogue/validation.py) ------------------------------------------------
    "numbers_mixed": ("the column mixes number conventions (decimal point like 1,234.5 and decimal comma like "
                      "1.234,5); write every number in this column the same way",
                      "kolona meša načine pisanja brojeva (decimalna tačka kao 1,234.5 i decimalni zarez kao "
                      "1.234,5); napišite sve brojeve u ovoj koloni na isti način"),
    "numbers_ambiguous": ("the column writes numbers both as 1,234 and as 1.234, so the separator cannot be known; "
                          "write them the same way or add decimals",
                          "kolona piše brojeve i kao 1,234 i kao 1.234, pa separator ne može da se odredi; napišite "
                          "ih na isti način ili dodajte decimale"),
    "dates_mixed": ("the column mixes day/month/year (15/06/2023) and month/day/year (06/15/2023) dates; write them "
                    "one way, best as 2023-06-15",
                    "kolona meša datume u obliku dan/mesec/godina (15/06/2023) i mesec/dan/godina (06/15/2023); "
                    "napišite ih na jedan način, najbolje kao 2023-06-15"),
    "int_too_large": ("the number is too large; expected a whole number of at most 15 digits",
                      "broj je prevelik; očekuje se ceo broj od najviše 15 cifara"),
    "excel_day_60": ("Excel serial 60 is 29 February 1900, a day that never existed (Excel's 1900 leap-year bug); "
                     "type the real date as text, e.g. 1900-02-28",
                     "Excelov serijski broj 60 je 29. februar 1900, dan koji nije postojao (Excelova greška sa "
                     "prestupnom 1900. godinom); upišite stvarni datum kao tekst, npr. 1900-02-28"),
    "excel_day_ambiguous": ("an Excel date cell showing 28 February 1900 may be serial 59 or the fictitious serial "
                            "60 (29 February 1900); type the real date as text",
                            "Excel ćelija sa datumom 28. februar 1900. može biti serijski broj 59 ili izmišljeni "
                            "serijski broj 60 (29. februar 1900); upišite stvarni datum kao tekst"),
    "decimal_comma_read": ("{column}: read numbers with a decimal comma (as in 1.234,5), so {example} was read that "
                           "way",
                           "{column}: brojevi su pročitani sa decimalnim zarezom (kao 1.234,5), pa je i {example} "
                           "pročitano tako"),
    "decimal_point_read": ("{column}: read numbers with a decimal point (as in 1,234.5), so {example} was read that "
                           "way",
                           "{column}: brojevi su pročitani sa decimalnom tačkom (kao 1,234.5), pa je i {example} "
                           "pročitano tako"),
    "number_two_ways": ("{column}: {example} could be read two ways; assumed a decimal point and comma thousands "
                        "separator (1,234 = one thousand two hundred thirty-four; 1.234 = one point two three four)",
                        "{column}: {example} može da se pročita na dva načina; pretpostavljena je decimalna tačka i "
                        "zarez za hiljade (1,234 = hiljadu dvesta trideset četiri; 1.234 = jedan zarez dva tri "
                        "četiri)"),
    "percent_as_fraction": ("{column}: percentages were read as fractions (12% = 0.12)",
                            "{column}: procenti su pročitani kao razlomci (12% = 0.12)"),
    "dates_day_first": ("{column}: dates like {example} were read as day/month/year",
                        "{column}: datumi kao {example} pročitani su kao dan/mesec/godina"),
    "dates_month_first": ("{column}: dates were read as month/day/year (as {example} shows)",
                          "{column}: datumi su pročitani kao mesec/dan/godina (kako pokazuje {example})"),
    "excel_serials_read": ("{column}: numbers like {example} were read as Excel date serials",
                           "{column}: brojevi kao {example} pročitani su kao Excelovi serijski brojevi datuma"),
    "currency_assumed": ("No currency column: every value is in {currency}, as the header or title says.",
                         "Nema kolone valute: sve vrednosti su u {currency}, kako kaže zaglavlje ili naslov."),
    "values_scaled": ("Values were given in units of {scale} ({scale_text!r}) and were scaled to whole currency units.",
                      "Vrednosti su date u jedinicama od {scale} ({scale_text!r}) i preračunate su u cele jedinice "
                      "valute."),
    "excel_errors_as_empty": ("{where}: Excel error cell(s) read as empty: {cells}",
                              "{where}: ćelije sa Excel greškom pročitane su kao prazne: {cells}"),
    "where_column": ("{file}, column {column!r}", "{file}, kolona {column!r}"),
    "where_sheet_column": ("{file}, sheet {sheet!r}, column {column!r}", "{file}, list {sheet!r}, kolona {column!r}"),
    "error_cell_at": ("row {row} ({error})", "u redu {row} ({error})"),
    "and_more": ("and {count} more", "i još {count}"),
    # ---- real-source layouts (dialogue/layouts/*.py) -----------------------------------------------------
    "census_not_a_number": ("expected a number", "očekuje se broj"),
    "census_number_style": ("expected a number in the Census style, e.g. 1,234.5 or -80,800.1",
                            "očekuje se broj u obliku koji koristi Census, npr. 1,234.5 ili -80,800.1"),
    "units_assumed_millions": ("Units are not stated in country.xlsx: assumed USD millions (as on the Census country "
                               "page; unconfirmed) and scaled to whole USD.",
                               "Jedinice nisu navedene u datoteci country.xlsx: pretpostavljeni su milioni USD (kao na "
                               "Census stranici zemlje; nepotvrđeno) i preračunati u cele USD."),
    "month_columns_missing": ("Month columns not found (their months are not read): {columns}.",
                              "Kolone meseci nisu pronađene (ti meseci se ne čitaju): {columns}."),
    "year_expected": ("expected a year such as 2024", "očekuje se godina, npr. 2024"),
    "country_year_twice": ("{country} {year} appears twice (first in row {first})",
                           "{country} {year} se pojavljuje dvaput (prvi put u redu {first})"),
    "annual_total_mismatch": ("{year}: {column} is {annual} but the months sum to {total} (beyond rounding).",
                              "{year}: {column} iznosi {annual}, a zbir meseci je {total} (više od zaokruživanja)."),
    "no_serbia_row": ("no row for Serbia (CTY_CODE {cty}) in this file",
                      "u ovoj datoteci nema reda za Srbiju (CTY_CODE {cty})"),
    "other_countries_skipped": ("{count} rows of other countries skipped (only Serbia, CTY_CODE {cty}, is read).",
                                "Preskočeni su redovi drugih zemalja: {count} (čita se samo Srbija, CTY_CODE {cty})."),
    "serbia_months_empty": ("{count} empty month cells for Serbia: no figure stored for those months.",
                            "Prazne ćelije meseci za Srbiju: {count}; za te mesece nije sačuvan podatak."),
    "code_name_clash": ("code {cty} is {by_code} but the name says {name}",
                        "šifra {cty} je {by_code}, ali naziv kaže {name}"),
    "no_comtrade_code_kosovo": ("Kosovo has no UN Comtrade code, so Comtrade files hold none of its trade (the Census "
                                "files do)",
                                "Kosovo nema šifru u UN Comtrade, pa datoteke Comtrade ne sadrže njegovu trgovinu (datoteke "
                                "Census je sadrže)"),
    "code_name_clash_usa": ("code {cty} is the USA but the name says {name}", "šifra {cty} je SAD, ali naziv kaže {name}"),
    "region_absent_kosovo": ("No rows for {names} in this file ({kosovo}).",
                             "U ovoj datoteci nema redova za: {names} ({kosovo})."),
    "no_region_comtrade_rows": ("no rows of the USA (842 or 840) with Serbia or a neighbour ({codes}) with flow X or M "
                                "in this file; {kosovo}",
                                "u ovoj datoteci nema redova SAD (842 ili 840) sa Srbijom ili susedom ({codes}) sa "
                                "tokom X ili M; {kosovo}"),
    "skip_not_usa_region": ("not the USA with a partner of the region", "nisu SAD sa partnerom iz regiona"),
    "skip_product_lines": ("product lines (the region compares totals only)",
                           "redovi proizvoda (region se poredi samo po ukupnim iznosima)"),
    "other_country_page_region": ("this is the Census page of {country}, not of Serbia or a neighbour ({names})",
                                  "ovo je Census stranica za {country}, a ne za Srbiju ili suseda ({names})"),
    "page_code": ("code {cty}", "šifra {cty}"),
    "partner_title_missing": ('no "Trade in Goods with <country>" title above the table names the partner (one of: '
                              '{names})',
                              'nijedan naslov "Trade in Goods with <country>" iznad tabele ne imenuje partnera (jedan '
                              'od: {names})'),
    "partner_from_code": ('No "Trade in Goods with ..." title above the table: the page code {cty} is {name}\'s.',
                          'Iznad tabele nema naslova "Trade in Goods with ...": šifra stranice {cty} pripada zemlji '
                          '{name}.'),
    "no_region_rows": ("no row for Serbia or its neighbours ({names}) in this file",
                       "u ovoj datoteci nema reda za Srbiju ili njene susede ({names})"),
    "region_absent": ("No rows for {names} in this file.", "U ovoj datoteci nema redova za: {names}."),
    "region_others_skipped": ("{count} rows of other countries skipped (only Serbia and its neighbours are read).",
                              "Preskočeni su redovi drugih zemalja: {count} (čitaju se samo Srbija i njeni susedi)."),
    "months_empty": ("{count} empty month cells: no figure stored for those months.",
                     "Prazne ćelije meseci: {count}; za te mesece nije sačuvan podatak."),
    "month_label_expected": ('expected a month and year such as "January 2025" or "TOTAL 2025"',
                             'očekuju se mesec i godina, npr. "January 2025" ili "TOTAL 2025"'),
    "figure_expected_millions": ("expected a figure in USD millions", "očekuje se iznos u milionima USD"),
    "total_twice": ("TOTAL {year} appears twice", "TOTAL {year} se pojavljuje dvaput"),
    "label_twice": ("{label} appears twice", "{label} se pojavljuje dvaput"),
    "no_month_rows": ('no month rows (e.g. "January 2025") or TOTAL rows below the header',
                      'ispod zaglavlja nema redova meseci (npr. "January 2025") ni redova TOTAL'),
    "balance_mismatch": ("Balance is not Exports minus Imports (beyond rounding) in: {labels}.",
                         "Saldo nije jednak izvozu umanjenom za uvoz (više od zaokruživanja) u: {labels}."),
    "total_only": ("{year}: only the TOTAL row is present, stored as an annual figure.",
                   "{year}: postoji samo red TOTAL, sačuvan kao godišnji podatak."),
    "total_mismatch": ("TOTAL {year} does not match its months beyond rounding: {details} (USD millions).",
                       "TOTAL {year} se ne slaže sa svojim mesecima više od zaokruživanja: {details} (milioni USD)."),
    "total_flow_mismatch": ("{flow} months sum to {sum} but TOTAL {year} says {total}",
                            "{flow}: zbir meseci je {sum}, a TOTAL {year} kaže {total}"),
    "flow_exports": ("exports", "izvoz"),
    "flow_imports": ("imports", "uvoz"),
    "millions_scaled": ("Values in USD millions were scaled to whole USD.",
                        "Vrednosti u milionima USD preračunate su u cele USD."),
    "other_country_page": ("this is the Census page of another country; expected Trade in Goods with Serbia (c4801)",
                           "ovo je Census stranica druge zemlje; očekuje se stranica „Trade in Goods with Serbia” (c4801)"),
    "serbia_title_assumed": ('No "Trade in Goods with Serbia" title above the table: assumed to be the Serbia page '
                             '(c4801).',
                             'Iznad tabele nema naslova "Trade in Goods with Serbia": pretpostavljeno je da je to '
                             'stranica za Srbiju (c4801).'),
    "period_expected": ("expected a period YYYY (annual) or YYYYMM (monthly)",
                        "očekuje se period GGGG (godišnji) ili GGGGMM (mesečni)"),
    "trade_value_expected": ("expected a trade value in US dollars", "očekuje se vrednost trgovine u američkim dolarima"),
    "figure_twice": ("the same figure appears twice (first in row {first})",
                     "isti podatak se pojavljuje dvaput (prvi put u redu {first})"),
    "comtrade_layout": ("UN Comtrade {variant} layout; values in US dollars.",
                        "UN Comtrade, raspored {variant}; vrednosti u američkim dolarima."),
    "comtrade_current": ("current (47 columns)", "aktuelni (47 kolona)"),
    "comtrade_legacy_standard": ("legacy (35 columns, standard spelling)", "stari (35 kolona, standardni nazivi)"),
    "comtrade_legacy_altered": ("legacy (35 columns, altered spelling)", "stari (35 kolona, izmenjeni nazivi)"),
    "rows_skipped": ("{count} rows skipped: {why}.", "Preskočeno redova: {count} ({why})."),
    "skip_not_serbia_usa": ("not Serbia–USA", "nije Srbija–SAD"),
    "skip_other_flows": ("re-exports, re-imports or other flow codes", "reizvoz, reuvoz ili druge šifre toka"),
    "skip_breakdowns": ("breakdowns by second partner, customs procedure or transport mode",
                        "raščlanjavanja po drugom partneru, carinskom postupku ili vrsti prevoza"),
    "totals_and_products": ("The file holds both totals and product rows; both are stored (products carry a "
                            "product_code).",
                            "Datoteka sadrži i ukupne iznose i redove proizvoda; čuvaju se i jedni i drugi (proizvodi "
                            "imaju product_code)."),
    "no_serbia_usa_rows": ("no Serbia ({serbia}) – USA ({usa}) rows with flow X or M in this file",
                           "u ovoj datoteci nema redova Srbija ({serbia}) – SAD ({usa}) sa tokom X ili M"),
    "rzs_columns_missing": ("this RZS open-data file has no column we recognise for {wanted}; an RZS trade file must "
                            "say which country, which flow and which currency each value is in",
                            "ova RZS datoteka otvorenih podataka nema kolonu koju prepoznajemo za: {wanted}; RZS "
                            "datoteka o trgovini mora da kaže za koju zemlju, koji tok i u kojoj valuti je svaka "
                            "vrednost"),
    "rzs_need_partner": ("partner country (e.g. nZemlja)", "zemlja partner (npr. nZemlja)"),
    "rzs_need_flow": ("flow izvoz/uvoz (e.g. nTok)", "tok izvoz/uvoz (npr. nTok)"),
    "rzs_need_unit": ("currency/unit (e.g. nValuta, nJedMere)", "valuta/jedinica (npr. nValuta, nJedMere)"),
    "flow_word_expected": ("expected izvoz (exports) or uvoz (imports)", "očekuje se izvoz ili uvoz"),
    "currency_expected": ("expected a currency: EUR, USD or RSD (dinar)", "očekuje se valuta: EUR, USD ili RSD (dinar)"),
    "month_number_expected": ("expected a month number 1-12", "očekuje se broj meseca 1-12"),
    "decimal_comma_expected": ("expected a number with a decimal comma, e.g. 619,5",
                               "očekuje se broj sa decimalnim zarezom, npr. 619,5"),
    "rzs_assumed_names": ("RZS open-data layout: the partner, flow and currency columns were recognised by assumed "
                          "names (the RZS trade-by-country dataset was not seen when this reader was written).",
                          "RZS raspored otvorenih podataka: kolone partnera, toka i valute prepoznate su po "
                          "pretpostavljenim nazivima (skup podataka RZS o trgovini po zemljama nije bio dostupan kada je "
                          "ovaj čitač pisan)."),
    "rzs_decimal_comma": ("Assumed decimal comma in vrednost (e.g. 619,5 = 619.5); points read as thousands "
                          "separators.",
                          "U koloni vrednost pretpostavljen je decimalni zarez (npr. 619,5 = 619.5); tačke su "
                          "pročitane kao separatori hiljada."),
    "other_partners_skipped": ("{count} rows for other partner countries skipped (only the USA is read).",
                               "Preskočeni su redovi drugih zemalja partnera: {count} (čitaju se samo SAD)."),
    "no_usa_rows": ("no rows for the USA (SAD) in this file", "u ovoj datoteci nema redova za SAD"),
    # ---- storing (dialogue/store.py) ----------------------------------------------------------------------
    "store_keep_unknown": ("cannot keep unknown {dataset} column(s): {columns}",
                           "nepoznate kolone skupa {dataset} ne mogu da se zadrže: {columns}"),
    "store_dataset_unknown": ("unknown dataset {name!r}; expected one of {names}",
                              "nepoznat skup podataka {name!r}; očekuje se jedan od: {names}"),
    "store_mode_unknown": ("unknown mode {mode!r}; expected merge or replace",
                           "nepoznat način {mode!r}; očekuje se merge (spajanje) ili replace (zamena)"),
    "store_scope_column": ("replace scope column {column!r} is not a {dataset} column",
                           "kolona {column!r} za opseg zamene nije kolona skupa {dataset}"),
    "store_old_schema": ("This database was made by an earlier version of the program (its row keys are text); make "
                         "a new one with `python -m dialogue init --force` (the old file is replaced) and upload "
                         "again.",
                         "Ovu bazu je napravila ranija verzija programa (ključevi redova su tekst); napravite novu sa "
                         "`python -m dialogue init --force` (stara datoteka se zamenjuje) i ponovo otpremite podatke."),
    "store_duplicate_keys": ("{count} key(s) appear more than once; each {dataset} row needs a unique ({key}): {keys}",
                             "ključeva koji se ponavljaju: {count}; svaki red skupa {dataset} mora imati jedinstven "
                             "({key}): {keys}"),
    "store_not_as_planned": ("upload #{upload} did not save as planned (upload rows {uploads}, new versions {new} of "
                             "{expect_new}, closed versions {closed} of {expect_closed}); the database kept its earlier "
                             "state. Try again; if it repeats, check the disk.",
                             "otpremanje br. {upload} nije sačuvano kako je planirano (redovi otpremanja {uploads}, novih verzija "
                             "{new} od {expect_new}, zatvorenih verzija {closed} od {expect_closed}); baza je zadržala "
                             "prethodno stanje. Pokušajte ponovo; ako se ponovi, proverite disk."),
    "store_disk_full": ("The upload could not be saved: the disk holding the database is full. Nothing was changed; "
                        "free some space and upload again.",
                        "Otpremanje nije moglo da se sačuva: disk sa bazom je pun. Ništa nije promenjeno; "
                        "oslobodite prostor i otpremite ponovo."),
    "store_not_saved": ("The upload could not be saved ({detail}). Nothing was changed.",
                        "Otpremanje nije moglo da se sačuva ({detail}). Ništa nije promenjeno."),
    "store_stale_plan": ("The {dataset} data changed since the preview ({then} then, {now} now); review the changes "
                         "again before committing.",
                         "Podaci skupa {dataset} su se promenili od pregleda (tada {then}, sada {now}); ponovo "
                         "pregledajte izmene pre potvrde."),
    "store_plan_empty": ("this plan carries no upload to commit", "ovaj plan ne sadrži otpremanje za potvrdu"),
    "rollback_no_upload": ("There is no upload #{upload}; see `history` for the upload ids.",
                           "Ne postoji otpremanje br. {upload}; brojeve otpremanja prikazuje `history`."),
    "rollback_of_rollback": ("Upload #{upload} is itself a rollback (of upload #{undone}) and cannot be rolled back; to "
                             "bring upload #{undone}'s rows back, upload its file again.",
                             "Otpremanje br. {upload} je i samo poništavanje (otpremanja br. {undone}) i ne može da se "
                             "poništi; da biste vratili redove otpremanja br. {undone}, ponovo otpremite njegovu "
                             "datoteku."),
    "rollback_already": ("Upload #{upload} was already rolled back by upload #{by}.",
                         "Otpremanje br. {upload} je već poništeno otpremanjem br. {by}."),
    "rollback_not_marked": ("rollback #{rollback} did not mark upload #{upload}; the database kept its earlier state.",
                            "poništavanje br. {rollback} nije označilo otpremanje br. {upload}; baza je zadržala "
                            "prethodno stanje."),
    # ---- the ingest report's sentence (dialogue/ingest.py) -----------------------------------------------
    "report_rejected_one": ("{file} was rejected (1 problem); nothing was changed.",
                            "Datoteka {file} je odbijena (1 problem); ništa nije promenjeno."),
    "report_rejected": ("{file} was rejected ({count} problems); nothing was changed.",
                        "Datoteka {file} je odbijena (problema: {count}); ništa nije promenjeno."),
    "report_identical": ("{file} is identical to upload #{upload}; nothing was changed.",
                         "Datoteka {file} je ista kao otpremanje br. {upload}; ništa nije promenjeno."),
    "report_already_stored": ("Every row of {file} is already stored as it is; nothing was changed.",
                              "Svaki red datoteke {file} već je sačuvan takav kakav je; ništa nije promenjeno."),
    "report_dry_run": ("Dry run of {file} ({dataset}, {mode}): would be {counts}; nothing was written.",
                       "Proba datoteke {file} ({dataset}, {mode}): bilo bi {counts}; ništa nije upisano."),
    "report_committed": ("Committed {file} as upload #{upload} ({dataset}, {mode}): {counts}.",
                         "Datoteka {file} je sačuvana kao otpremanje br. {upload} ({dataset}, {mode}): {counts}."),
    "report_counts": ("{added} added, {updated} updated, {unchanged} unchanged, {removed} removed",
                      "dodato {added}, izmenjeno {updated}, nepromenjeno {unchanged}, uklonjeno {removed}"),
    "report_layout": ("{outcome} Layout recognised: {layout}.", "{outcome} Prepoznat raspored: {layout}."),
    "mode_merge": ("merge", "spajanje"),
    "mode_replace": ("replace", "zamena"),
    "layout_template": ("our template", "naš šablon"),
    "layout_census_page": ("US Census country page", "stranica zemlje na sajtu US Census"),
    "layout_census_bulk": ("US Census country.xlsx", "US Census, datoteka sa svim zemljama (country.xlsx)"),
    "layout_census_bulk_peers": ("US Census country.xlsx (the region)", "US Census, datoteka sa svim zemljama (country.xlsx), region"),
    "layout_comtrade": ("UN Comtrade CSV", "UN Comtrade, tabela u formatu CSV"),
    "layout_census_page_peers": ("US Census country page (the region)", "stranica zemlje na sajtu US Census (region)"),
    "layout_comtrade_peers": ("UN Comtrade CSV (the region)", "UN Comtrade, tabela u formatu CSV (region)"),
    "layout_rzs": ("RZS open-data CSV", "RZS otvoreni podaci, tabela u formatu CSV"),
}
