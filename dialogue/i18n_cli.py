"""The command line's texts and the refusals it shares with the pages (busy, permission, users, backups), in
English and Serbian Latin (Cyrillic by transliteration, as every string of dialogue/i18n.py, which merges them)."""
from __future__ import annotations

CLI_STRINGS: dict[str, tuple[str, str]] = {
    # every verb
    "cli_error": ("error: {message}", "greška: {message}"),
    "cli_not_a_date": ("{option} {text!r} is not a date; expected YYYY-MM-DD, e.g. 2026-06-30",
                       "{option} {text!r} nije datum; očekuje se GGGG-MM-DD, npr. 2026-06-30"),
    "cli_not_a_moment": ("{option} {text!r} is not a timestamp; expected YYYY-MM-DD or 'YYYY-MM-DD HH:MM[:SS]' (UTC), "
                         "e.g. 2026-03-01T14:30:00",
                         "{option} {text!r} nije vremenski trenutak; očekuje se GGGG-MM-DD ili 'GGGG-MM-DD ČČ:MM[:SS]' "
                         "(UTC), npr. `2026-03-01T14:30:00`"),
    "cli_ro_fs": ("it lies on a read-only file system", "nalazi se na sistemu datoteka samo za čitanje"),
    "cli_ro_file": ("the file is read-only", "datoteka je samo za čitanje"),
    "cli_ro_folder": ("its folder {folder} is read-only", "njena fascikla {folder} je samo za čitanje"),
    "cli_read_only": ("the database {path} is read-only ({why}): `{verb}` changes it, so nothing was done; reading "
                      "verbs (status, history, export, brief ...) still work on it",
                      "baza {path} je samo za čitanje ({why}): `{verb}` je menja, pa ništa nije urađeno; naredbe "
                      "koje samo čitaju (`status`, `history`, `export`, `brief` ...) i dalje rade"),
    "cli_db_unusable": ("the database could not be used: {why}", "baza nije mogla da se koristi: {why}"),
    "cli_unexpected": ("unexpected {kind}: {why} (run again with DIALOGUE_TRACEBACK=1 for the details)",
                       "neočekivana greška {kind}: {why} (pokrenite ponovo uz DIALOGUE_TRACEBACK=1 za detalje)"),
    "cli_could_not_write": ("could not write {path}: {why}", "nije bilo moguće upisati {path}: {why}"),
    "cli_nothing_left": ("{what}; no file was left behind", "{what}; nijedna datoteka nije ostala"),
    "cli_existing_kept": ("{what}; the existing file is unchanged", "{what}; postojeća datoteka je nepromenjena"),
    # the database busy, and the hand-off to the dashboard that holds it
    "db_busy_writing": ("The database {path} is busy: another program (a dashboard or a command) has it open for "
                        "writing. Close it, or point --db / DIALOGUE_DB at another file.",
                        "Baza {path} je zauzeta: drugi program (kontrolna tabla ili naredba) ju je otvorio za upis. "
                        "Zatvorite ga ili usmerite `--db` / DIALOGUE_DB na drugu datoteku."),
    "db_busy_short": ("The database {path} is busy: another program has it open for writing.",
                      "Baza {path} je zauzeta: drugi program ju je otvorio za upis."),
    "db_busy_init": ("The database {path} is busy: another program has it open. Close it first.",
                     "Baza {path} je zauzeta: drugi program ju je otvorio. Prvo ga zatvorite."),
    "handoff_other_user": ("the dashboard runs commands only for the operating-system user that runs it",
                           "kontrolna tabla izvršava naredbe samo za korisnika operativnog sistema koji je pokrenuo"),
    "handoff_failed": ("the dashboard could not run the command: {why}",
                       "kontrolna tabla nije mogla da izvrši naredbu: {why}"),
    "handoff_refused_verb": ("`{verb}` cannot run inside the dashboard",
                             "`{verb}` ne može da se izvrši unutar kontrolne table"),
    # permissions (dialogue/roles.py)
    "perm_sign_in": ("Sign in to {action}.", "Prijavite se da biste mogli: {action}."),
    "perm_denied": ("{user} is a {role}; {action} needs the {needed} role or higher.",
                    "{user} ima ulogu „{role}“; za radnju „{action}“ potrebna je uloga „{needed}“ ili viša."),
    "perm_read": ("read", "čitanje"),
    "perm_upload": ("upload", "otpremanje"),
    "perm_rollback": ("rollback", "poništavanje otpremanja"),
    "perm_note": ("note", "beleške"),
    "perm_assess": ("assess", "procena"),
    "perm_approve": ("approve", "odobravanje procene"),
    "perm_backup": ("backup", "rezervna kopija"),
    "perm_manage_users": ("manage users", "upravljanje korisnicima"),
    "perm_manage_targets": ("manage targets", "upravljanje ciljevima"),
    "perm_settings": ("settings", "podešavanja"),
    # ingest, init, history, rollback, template, export
    "cli_no_such_file": ("no such file: {path}", "nema takve datoteke: {path}"),
    "cli_where_sheet": ("sheet {sheet}", "list {sheet}"),
    "cli_where_row": ("row {row}", "red {row}"),
    "cli_where_column": ("column {column}", "kolona {column}"),
    "cli_where_value": ("value {value!r}", "vrednost {value!r}"),
    "cli_preview_cut": ("… preview shortened; totals: {rows}", "… pregled je skraćen; ukupno: {rows}"),
    "cli_init_done": ("Database {path} holds the {workspace} workspace.",
                      "Baza {path} sadrži radni prostor „{workspace}“."),
    "cli_init_demo_rows": ("{dataset}: {n} synthetic demo rows, the last upload #{upload}",
                           "{dataset}: {n} izmišljenih demo redova, poslednje otpremanje br. {upload}"),
    "cli_init_loaded": ("{dataset}: {sentence}", "{dataset}: {sentence}"),
    "cli_init_skipped": ("skipped {dataset}: {source} does not exist yet",
                         "preskočeno {dataset}: {source} još ne postoji"),
    "cli_no_uploads": ("No uploads yet.", "Još nema otpremanja."),
    "cli_rolled_back": ("Rolled back upload #{upload} as upload #{new}: {added} restored, {updated} reverted, "
                        "{removed} removed.",
                        "Otpremanje br. {upload} poništeno otpremanjem br. {new}: vraćeno {added}, "
                        "povraćeno na staro {updated}, uklonjeno {removed}."),
    "cli_template_done": ("Wrote the blank {dataset} template to {path}.",
                          "Prazan šablon „{dataset}“ upisan je u {path}."),
    "cli_export_suffix": ("--out must end in {formats}, not {suffix!r}", "`--out` mora da se završava na {formats}, "
                                                                         "a ne {suffix!r}"),
    "cli_no_extension": ("no extension", "bez nastavka"),
    "cli_or": (" or ", " ili "),
    "cli_exported": ("Exported {n} {dataset} rows{when} to {path}.",
                     "Izvezeni redovi skupa {dataset}{when}: {n}, u {path}."),
    "cli_as_known_at": (" as known at {moment} UTC", " kako je bilo poznato u {moment} UTC"),
    # status, summary, delivery, region, brief
    "cli_status_head": ("Status as of {as_of}{known}; dialogue start {start} ({kind})",
                        "Status na dan {as_of}{known}; početak dijaloga {start} ({kind})"),
    "cli_known_at": (", as known at {moment}", ", kako je bilo poznato u {moment}"),
    "cli_summary_head": ("Summary as of {as_of} (change since {since})", "Sažetak na dan {as_of} (promena od {since})"),
    "cli_worse": ("worse", "gore"),
    "cli_due": ("due", "rok"),
    "cli_delivery_head": ("Delivery as of {as_of}", "Realizacija na dan {as_of}"),
    "cli_no_groups": ("No working group is recorded.", "Nijedna radna grupa nije zabeležena."),
    "cli_group": ("group", "grupa"),
    "cli_active": ("active", "aktivna"),
    "cli_not_active": ("not active", "neaktivna"),
    "cli_last_meeting": ("last meeting", "poslednji sastanak"),
    "cli_none": ("none", "nema"),
    "cli_action": ("action", "mera"),
    "cli_commitment": ("commitment", "obaveza"),
    "cli_overdue": ("overdue", "rok istekao"),
    "cli_slipping": ("slipping", "kasni"),
    "cli_no_region": ("No trade figures of the region are stored (dataset peer_trade).",
                      "Nema sačuvanih podataka o trgovini regiona (skup podataka peer_trade)."),
    "cli_region_head": ("US goods trade of the region as of {as_of}: {reporter}, {currency}",
                        "Robna razmena regiona sa SAD na dan {as_of}: {reporter}, {currency}"),
    "cli_region_row": ("{year} {partner}  months {months:2}  turnover {turnover:>12} M  growth {growth:>7}  rank {rank}",
                       "{year} {partner}  meseci {months:2}  promet {turnover:>12} mil.  rast {growth:>7}  mesto {rank}"),
    "cli_brief_out_is_file": ("--out {out} is a file; brief writes its documents into a folder (a new or existing one)",
                              "`--out` {out} je datoteka; `brief` upisuje dokumente u fasciklu (novu ili postojeću)"),
    "cli_brief_partial": ("{what} (no partial file was left{done})", "{what} (nije ostala nijedna delimična datoteka{done})"),
    "cli_brief_written": ("; already written: {paths}", "; već upisano: {paths}"),
    "cli_brief_known_at": ("data as known at {moment} UTC (pass --known-at to reproduce this report later)",
                           "podaci kakvi su bili poznati u {moment} UTC (navedite `--known-at` da biste kasnije "
                           "ponovili ovaj izveštaj)"),
    # users, backup, restore, serve
    "cli_password_for": ("Password for {name} (empty for identity-provider only): ",
                         "Lozinka za {name} (prazno samo za prijavu preko dobavljača identiteta): "),
    "cli_password_again": ("Repeat the password: ", "Ponovite lozinku: "),
    "cli_no_users": ("no users in {path}: the dashboard runs in local mode (localhost only)",
                     "nema korisnika u {path}: kontrolna tabla radi u lokalnom režimu (samo `localhost`)"),
    "cli_sign_in_password": ("password", "lozinka"),
    "cli_sign_in_email": ("e-mail", "e-adresa"),
    "cli_user_waits": ("sign-in waits until {until} UTC (users unlock {name} ends it)",
                       "prijava čeka do {until} UTC (to prekida `users unlock` {name})"),
    "cli_user_added": ("added {name} ({role}) to {path}", "korisnik {name} ({role}) dodat je u {path}"),
    "cli_user_removed": ("removed {name} from {path}", "korisnik {name} uklonjen je iz {path}"),
    "cli_user_unlocked": ("unlocked {name}: failed sign-ins forgotten from {addresses}",
                          "korisnik {name} je otključan: neuspele prijave zaboravljene sa {addresses}"),
    "cli_no_database": ("no database at {path}", "nema baze na {path}"),
    "cli_backup_read_only": ("the database {path} is read-only ({why}), so a backup cannot record itself in its audit "
                             "log; nothing was done. A read-only file cannot change: copy it instead",
                             "baza {path} je samo za čitanje ({why}), pa rezervna kopija ne može da se zabeleži u "
                             "dnevniku izmena; ništa nije urađeno. Datoteka samo za čitanje ne može da se promeni: "
                             "umesto toga je kopirajte"),
    "cli_backup_busy": ("{busy} ({why}.) An administrator can also back up from the dashboard's Admin page (Settings "
                        "and backup).",
                        "{busy} ({why}.) Administrator može napraviti rezervnu kopiju i na stranici Administracija "
                        "kontrolne table (Podešavanja i rezervna kopija)."),
    "cli_backed_up_through": ("backed up {path} to {dir} through the running dashboard ({rows})",
                              "rezervna kopija baze {path} napravljena je u {dir} preko pokrenute kontrolne table "
                              "({rows})"),
    "cli_backed_up": ("backed up {path} to {dir} ({rows})", "rezervna kopija baze {path} napravljena je u {dir} ({rows})"),
    "cli_restore_needs_db": ("restore needs --db NEW, the new database file to create",
                             "`restore` zahteva `--db NOVA`, novu datoteku baze koju treba napraviti"),
    "cli_restored": ("restored {dir} (taken {taken} UTC) into {db}; every table matches the backup's fingerprints",
                     "kopija {dir} (napravljena {taken} UTC) vraćena je u {db}; svaka tabela odgovara otiscima "
                     "rezervne kopije"),
    "cli_restored_empty": ("tables added since the backup was taken start empty: {tables}",
                           "tabele dodate posle pravljenja kopije počinju prazne: {tables}"),
    "serve_local_refused": ("No users are configured and the server listens on {address}, so local mode (no sign-in) "
                            "is refused. Add a user first:  python -m dialogue users add NAME --role admin   (the "
                            "users file is $DIALOGUE_USERS, default .streamlit/users.toml); or listen on localhost "
                            "only.",
                            "Nijedan korisnik nije podešen, a server sluša na {address}, pa lokalni režim (bez "
                            "prijave) nije dozvoljen. Prvo dodajte korisnika:  `python -m dialogue users add` IME `--role admin`   "
                            "(datoteka korisnika je `$DIALOGUE_USERS`, podrazumevano `.streamlit/users.toml`); ili "
                            "slušajte samo na `localhost`."),
    "serve_every_interface": ("every interface (server.address unset)",
                              "svim interfejsima (`server.address` nije podešen)"),
    # users (dialogue/auth.py)
    "user_exists": ("user {name!r} already exists; remove it first to change it",
                    "korisnik {name!r} već postoji; da biste ga promenili, prvo ga uklonite"),
    "user_email_taken": ("the e-mail {email} already belongs to another user",
                         "e-adresa {email} već pripada drugom korisniku"),
    "user_unknown": ("no user named {name!r}", "nema korisnika {name!r}"),
    "user_last_admin": ("{name} is the last admin; add another admin first",
                        "{name} je poslednji administrator; prvo dodajte drugog administratora"),
    "user_bad_name": ("user name {name!r} must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or "
                      "digit",
                      "korisničko ime {name!r} mora imati 1-64 slova, cifara, '.', '_' ili '-', i počinjati slovom "
                      "ili cifrom"),
    "user_reserved": ("{name!r} is reserved for local mode", "{name!r} je rezervisano za lokalni režim"),
    "user_bad_role": ("unknown role {role!r}; expected one of {roles}",
                      "nepoznata uloga {role!r}; očekuje se jedna od: {roles}"),
    "user_bad_email": ("{email!r} is not an e-mail address", "{email!r} nije e-adresa"),
    "user_needs_password": ("a password is needed (or an --email for identity-provider sign-in only)",
                            "potrebna je lozinka (ili `--email` za prijavu samo preko dobavljača identiteta)"),
    "user_short_password": ("the password must have at least {n} characters", "lozinka mora imati najmanje {n} znakova"),
    "user_long_password": ("the password must be at most {n} bytes long (bcrypt's limit)",
                           "lozinka može imati najviše {n} bajtova (granica algoritma `bcrypt`)"),
    "user_passwords_differ": ("the two passwords differ; nothing was changed",
                              "dve lozinke se razlikuju; ništa nije promenjeno"),
    # backups (dialogue/backup.py)
    "backup_not_empty": ("{target} is not empty; choose a new directory for each backup",
                         "{target} nije prazna; za svaku rezervnu kopiju izaberite novu fasciklu"),
    "backup_exists": ("{path} already exists; restore into a new file (--db NEW)",
                      "{path} već postoji; vratite kopiju u novu datoteku (`--db NOVA`)"),
    "backup_not_a_backup": ("{path} not found: {directory} is not a Dialogue Monitor backup",
                            "{path} nije pronađena: {directory} nije rezervna kopija Monitora dijaloga"),
    "backup_no_requests": ("the program holding the database takes no backup requests (it is not a running dashboard)",
                           "program koji drži bazu ne prima zahteve za rezervnu kopiju (nije pokrenuta kontrolna "
                           "tabla)"),
    "backup_no_answer": ("the dashboard did not answer the backup request within {seconds} s",
                         "kontrolna tabla nije odgovorila na zahtev za rezervnu kopiju za {seconds} s"),
    "backup_other_account": ("backup requests are honoured only from the account that runs the dashboard",
                             "zahtevi za rezervnu kopiju prihvataju se samo sa naloga koji je pokrenuo kontrolnu "
                             "tablu"),
    "backup_unknown_table": ("the backup holds an unknown table {table!r}",
                             "rezervna kopija sadrži nepoznatu tabelu {table!r}"),
    "backup_checksum": ("{path} is missing or damaged (checksum differs from the manifest)",
                        "{path} nedostaje ili je oštećena (kontrolni zbir se razlikuje od manifesta)"),
    "backup_counts_differ": ("restored row counts differ from the manifest: {tables}",
                             "broj vraćenih redova razlikuje se od manifesta: {tables}"),
    "backup_tables_differ": ("restored tables differ from the backup: {tables}",
                             "vraćene tabele razlikuju se od rezervne kopije: {tables}"),
    "backup_not_json": ("{path} is damaged or truncated (not valid JSON: {why})",
                        "{path} je oštećena ili skraćena (nije ispravan JSON: {why})"),
    "backup_format": ("{path} has format {found!r}; expected {expected}",
                      "{path} ima format {found!r}; očekuje se {expected}"),
    "backup_damaged": ("{path} is damaged: {why}", "{path} je oštećena: {why}"),
    "backup_why_no_time": ("no created_utc", "nema created_utc"),
    "backup_why_last_ids": ("last_ids is missing or not whole numbers", "last_ids nedostaje ili nisu celi brojevi"),
    "backup_why_no_tables": ("no tables", "nema tabela"),
    "backup_not_a_file": ("the manifest names {name!r}, which is not a file in the backup folder",
                          "manifest navodi {name!r}, što nije datoteka u fascikli rezervne kopije"),
    "backup_outside": ("{path} leads outside the backup folder (a link to {target}); refused",
                       "{path} vodi van fascikle rezervne kopije (veza ka {target}); odbijeno"),
    "backup_not_parquet": ("{path} cannot be read as Parquet ({why})",
                           "{path} ne može da se pročita kao `Parquet` ({why})"),
    "backup_rows_differ": ("{path} holds {rows} rows; the manifest says {manifest} (fingerprint {fingerprint}): the "
                           "backup is inconsistent",
                           "{path} ima {rows} redova, a manifest kaže {manifest} (otisak {fingerprint}): rezervna "
                           "kopija nije dosledna"),
    "backup_unknown_sequence": ("unknown sequence {name!r} in the manifest", "nepoznat niz {name!r} u manifestu"),
    # workspaces (dialogue/workspace.py)
    "workspace_unknown": ("unknown workspace {workspace!r}; expected one of {names}",
                          "nepoznat radni prostor {workspace!r}; očekuje se jedan od: {names}"),
    "workspace_has_data": ("{path} already holds data; use --force to replace it with a new {workspace} workspace "
                           "(the old file is deleted)",
                           "{path} već sadrži podatke; navedite `--force` da biste je zamenili novim radnim prostorom "
                           "„{workspace}“ (stara datoteka se briše)"),
    "workspace_not_db": ("{path} is not a database this program can open ({why}); use --force to replace it",
                         "{path} nije baza koju ovaj program može da otvori ({why}); navedite `--force` da biste je "
                         "zamenili"),
}
