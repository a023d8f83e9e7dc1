"""The Administration page's texts (users, audit log, targets file, settings and backup) in English and Serbian
Latin (Cyrillic by transliteration, as every string of dialogue/i18n.py, which merges them)."""
from __future__ import annotations

ADMIN_STRINGS: dict[str, tuple[str, str]] = {
    "adm_only": ("This page is for administrators.", "Ova stranica je za administratore."),
    "adm_tab_users": ("Users", "Korisnici"),
    "adm_tab_audit": ("Audit log", "Dnevnik izmena"),
    "adm_tab_targets": ("Targets", "Ciljevi"),
    "adm_tab_settings": ("Settings and backup", "Podešavanja i rezervna kopija"),
    # users
    "adm_col_user": ("User", "Korisnik"),
    "adm_col_role": ("Role", "Uloga"),
    "adm_col_email": ("E-mail", "E-adresa"),
    "adm_col_password": ("Password", "Lozinka"),
    "adm_col_waits": ("Sign-in waits until (UTC)", "Prijava čeka do (UTC)"),
    "adm_no_users": ("No users yet: this is local mode. Adding the first user ends it, and from then on everyone "
                     "signs in, so the first user must be an administrator.",
                     "Još nema korisnika: ovo je lokalni režim. Dodavanjem prvog korisnika on se završava i od tada "
                     "se svi prijavljuju, pa prvi korisnik mora biti administrator."),
    "adm_add_user": ("Add a user", "Dodavanje korisnika"),
    "adm_role": ("Role", "Uloga"),
    "adm_email": ("E-mail (for identity-provider sign-in, optional)",
                  "E-adresa (za prijavu preko dobavljača identiteta, nije obavezna)"),
    "adm_password_again": ("Repeat the password", "Ponovite lozinku"),
    "adm_add_button": ("Add user", "Dodaj korisnika"),
    "adm_added": ("Added {name} ({role}).", "Dodat je korisnik {name} ({role})."),
    "adm_unlock_title": ("Unlock a user", "Otključavanje korisnika"),
    "adm_unlock_caption": ("After {failures} failed sign-ins in a row, the address they came from waits {first} min, "
                           "doubling up to {most} min. Unlocking ends every wait for the user and forgets the "
                           "failures, from every address.",
                           "Posle {failures} uzastopnih neuspelih prijava adresa sa koje su stigle čeka {first} min, "
                           "pa dvostruko duže, do najviše {most} min. Otključavanje prekida svako čekanje za tog "
                           "korisnika i briše neuspele prijave, sa svih adresa."),
    "adm_user_pick": ("User", "Korisnik"),
    "adm_unlock_button": ("Unlock", "Otključaj"),
    "adm_unlocked": ("Unlocked {name}: failed sign-ins forgotten from {addresses}.",
                     "Korisnik {name} je otključan: neuspele prijave zaboravljene sa {addresses}."),
    "adm_remove_title": ("Remove a user", "Uklanjanje korisnika"),
    "adm_remove_sure": ("Yes, remove this user and end their sessions",
                        "Da, ukloni ovog korisnika i završi njegove sesije"),
    "adm_remove_button": ("Remove user", "Ukloni korisnika"),
    "adm_removed": ("Removed {name}.", "Korisnik {name} je uklonjen."),
    # audit log
    "adm_log_of": ("Log of", "Dnevnik"),
    "adm_log_main": ("main database ({path})", "glavne baze ({path})"),
    "adm_log_workspace": ("this workspace ({path})", "ovog radnog prostora ({path})"),
    "adm_filter_user": ("User", "Korisnik"),
    "adm_filter_action": ("Action", "Radnja"),
    "adm_entries": ("Entries", "Broj unosa"),
    "adm_col_audit_id": ("#", "br."),
    "adm_col_time": ("Time (UTC)", "Vreme (UTC)"),
    "adm_col_action": ("Action", "Radnja"),
    "adm_col_ok": ("Done", "Urađeno"),
    "adm_col_detail": ("Detail", "Detalji"),
    # targets file
    "adm_targets_caption": ("Every view reads the targets file ({path}). Saving checks it in full first, keeps the old "
                            "file beside it and records the change in the audit log.",
                            "Svi prikazi čitaju datoteku ciljeva ({path}). Čuvanje je prvo u potpunosti proverava, "
                            "staru datoteku ostavlja pored nje i beleži izmenu u dnevniku izmena."),
    "adm_targets_text": ("Targets file (TOML)", "Datoteka ciljeva (TOML)"),
    "adm_validate": ("Validate", "Proveri"),
    "adm_save": ("Save", "Sačuvaj"),
    "adm_valid": ("Valid: {n} targets; {change}.", "Ispravno: ciljeva {n}; {change}."),
    "adm_unchanged": ("Nothing to save: the file already reads so.", "Nema šta da se sačuva: datoteka već tako glasi."),
    "adm_saved": ("Saved; {change}.", "Sačuvano; {change}."),
    "adm_change_added": ("added: {ids}", "dodato: {ids}"),
    "adm_change_removed": ("removed: {ids}", "uklonjeno: {ids}"),
    "adm_change_changed": ("changed: {ids}", "izmenjeno: {ids}"),
    "adm_change_settings": ("settings changed: {ids}", "izmenjena podešavanja: {ids}"),
    "adm_change_backup": ("the old file is kept as {path}", "stara datoteka je sačuvana kao {path}"),
    "adm_change_none": ("no target or setting changed", "nijedan cilj ni podešavanje nije izmenjeno"),
    # settings and backup
    "adm_col_setting": ("Setting", "Podešavanje"),
    "adm_col_value": ("Value", "Vrednost"),
    "adm_set_main_db": ("main database", "glavna baza"),
    "adm_set_users_file": ("users file", "datoteka korisnika"),
    "adm_set_sign_in": ("sign-in", "prijava"),
    "adm_set_sign_in_oidc": ("identity provider (st.login)", "dobavljač identiteta (`st.login`)"),
    "adm_set_sign_in_local": ("built-in passwords", "ugrađene lozinke"),
    "adm_set_address": ("server address", "adresa servera"),
    "adm_set_failures": ("failed sign-ins", "neuspele prijave"),
    "adm_set_failures_value": ("{failures} in a row from one address → it waits {first} min, doubling up to {most} min",
                               "{failures} uzastopno sa jedne adrese → ona čeka {first} min, dvostruko duže, do "
                               "najviše {most} min"),
    "adm_set_session": ("session", "sesija"),
    "adm_set_session_value": ("ends after {idle} min idle, {most} h at most",
                              "završava se posle {idle} min neaktivnosti, najkasnije posle {most} h"),
    "adm_set_upload_limit": ("upload limit (MB)", "granica otpremanja (MB)"),
    "adm_backup_title": ("Back up now", "Rezervna kopija sada"),
    "adm_backup_dir": ("Into the new directory (on the server)", "U novu fasciklu (na serveru)"),
    "adm_backup_button": ("Back up", "Napravi rezervnu kopiju"),
    "adm_backed_up": ("Backed up {rows} rows into {path}.", "Rezervna kopija: redova {rows}, u {path}."),
}
