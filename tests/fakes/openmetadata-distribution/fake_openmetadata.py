#!/usr/bin/env python3
# FAKE OpenMetadata migration tool, for omupgrade's tests only. It is NOT OpenMetadata.
#
# Stands in for the Java program behind bootstrap/openmetadata-ops.sh (1.3+) and
# bootstrap/bootstrap_storage.sh (up to 1.2): same command-line arguments, same ASCII
# status tables, same bookkeeping (SERVER_CHANGE_LOG, SERVER_MIGRATION_SQL_LOGS), and it
# really applies the distribution's SQL files to the database through the `mariadb` /
# `psql` clients. The database settings come from conf/openmetadata.yaml with its
# ${VAR:-default} values expanded from the environment, like the real server; the
# password only ever travels in the clients' environment (MYSQL_PWD / PGPASSWORD).
#
# Failure injection (environment):
#   OMU_FAKE_OM_FAIL=<mode>[@<version>]  sort-memory | flyway-checksum | pending-migrations |
#                                        lost-connection | hang | die-mid-version
#   OMU_FAKE_OM_REQUIRED_SORT_BYTES=N    the data migration fails with "Out of sort memory"
#                                        while the session's sort_buffer_size / work_mem < N
#   OMU_FAKE_OM_HANG_SECONDS=S           how long "hang" stays silent (default 60, bounded)
#   OMU_FAKE_OM_DELAY_MS=N               pause per version, so progress can be watched
#   OMU_FAKE_OM_ARGS_FILE=F              append {"argv", "cwd", "envKeys"} (names, no values)
#   OMU_FAKE_OM_PID_FILE=F               write this process's id
import datetime
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid

CLIENT_TIMEOUT = 120


def now():
    return datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S,%f")[:-3] + "Z"


def log(level, logger, message):
    print(f"{level:<5} [{now()}] [main] {logger} - {message}", flush=True)


def info(message, logger="o.o.s.m.a.MigrationWorkflow"):
    log("INFO", logger, message)


def error(message, logger="o.o.s.u.OpenMetadataOperations"):
    log("ERROR", logger, message)


def ascii_table(columns, rows, empty_text):
    widths = [len(c) for c in columns]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    ruler = "+" + "".join("-" + "-" * w + "-+" for w in widths)
    lines = [ruler, "|" + "".join(" " + c.ljust(w) + " |" for c, w in zip(columns, widths)), ruler]
    if not rows:
        lines.append("| " + empty_text.ljust(max(0, len(ruler) - 5)) + " |")
    for row in rows:
        cells = list(row) + ["-"] * (len(columns) - len(row))
        lines.append("|" + "".join(" " + v[:w].ljust(w) + " |" for v, w in zip(cells, widths)))
    lines.append(ruler)
    print("\n".join(lines), flush=True)


def version_key(text):
    match = re.match(r"v?(\d+(?:\.\d+)*)", text)
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


# --- SQL files -----------------------------------------------------------------------
#
# Statements as OpenMetadata's MigrationFile gets them from Flyway 9.22's parser
# (MySQLParser / PostgreSQLParser, SqlStatementIterator, getSql()). Written here as Flyway
# is built, a reader that records consumed characters, tokens, and a recorder that keeps
# what was "confirmed", independently of omupgrade's own splitter, so that a test can tell
# the two apart if either drifts from Flyway.

class _Recorder:
    def __init__(self):
        self.buf, self.confirmed = [], 0

    def start(self):
        self.buf, self.confirmed = [], 0

    def confirm(self):
        self.confirmed = len(self.buf)

    def stop(self):
        return "".join(self.buf[:self.confirmed])


class _Reader:
    def __init__(self, text, recorder):
        self.text, self.i, self.rec = text, 0, recorder

    def peek(self, n=1):
        return self.text[self.i:self.i + n]

    def read(self, n=1):
        part = self.text[self.i:self.i + n]
        self.rec.buf.extend(part)
        self.i += len(part)
        return part

    def read_until_including(self, s):
        j = self.text.find(s, self.i)
        return self.read((len(self.text) if j < 0 else j + len(s)) - self.i)

    def read_quoted_rest(self, quote, backslash):
        """After an opening quote: through the closing one ('' stands for ')."""
        while self.i < len(self.text):
            ch = self.read()
            if backslash and ch == "\\":
                self.read()
            elif ch == quote:
                if self.peek() == quote:
                    self.read()
                else:
                    return


_JAVA_SPACE = set("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ")


def _java_whitespace(ch):
    return ch in _JAVA_SPACE or (ch.isspace() and ch not in "\u00a0\u2007\u202f")


def split_sql(script, mysql):
    if script.startswith("\ufeff"):
        script = script[1:]
    rec = _Recorder()
    rd = _Reader(script, rec)
    state = {"delim": ";", "parens": 0}
    out = []

    def token():
        """(kind, text): kind None for whitespace and parentheses."""
        p = rd.peek(8)
        if p == "":
            return "eof", None
        ch = p[0]
        if not mysql and ch == "$":
            tag = rd.read() + rd.read_until_including("$")
            rd.read_until_including(tag)
            return "string", None
        if mysql and ch == '"':
            rd.read()
            rd.read_quoted_rest('"', True)
            return "string", None
        if ch == "'":
            rd.read()
            rd.read_quoted_rest("'", mysql)
            return "string", None
        if ch in "()":
            rd.read()
            state["parens"] += 1 if ch == "(" else -1
            return None, None
        if ch == ("`" if mysql else '"'):
            rd.read()
            rd.read_quoted_rest(ch, False)
            return "identifier", None
        if mysql and p.startswith("/*!") and p[3:8].isdigit() and len(p) >= 8:
            rd.read(2)
            rd.read_until_including("*/")
            return "directive", None
        if p.startswith("--") or (mysql and ch == "#" and not p.startswith(state["delim"])):
            while rd.peek() not in ("", "\n", "\r"):
                rd.read()
            return "comment", None
        if p.startswith("/*"):
            rd.read(2)
            rd.read_until_including("*/")
            return "comment", None
        if ch.isdigit():
            while rd.peek() != "" and (rd.peek().isdigit() or rd.peek() == "."):
                rd.read()
            return "number", None
        for prefix in ("B'", "E'", "X'", "U&'"):
            if p.startswith(prefix):
                rd.read(len(prefix))
                rd.read_quoted_rest("'", prefix != "U&'")
                return "string", None
        if p.startswith(state["delim"]) if len(state["delim"]) <= 8 else script.startswith(state["delim"], rd.i):
            rd.read(len(state["delim"]))
            return "delimiter", None
        if ch == "_" or ch.isalpha():
            word = ""
            while rd.peek() != "" and (rd.peek().isalnum() or rd.peek() in "_$") \
                    and not script.startswith(state["delim"], rd.i):
                word += rd.read()
            if not re.fullmatch(r"[A-Za-z_]+", word):
                return "identifier", None
            if mysql and word.upper() == "DELIMITER":
                new = ""
                while new == "" and rd.peek() != "":
                    line = ""
                    while rd.peek() not in ("", "\n", "\r"):
                        line += rd.read()
                    rd.read()
                    new = line.strip()
                return "newdelim", new
            return "keyword", word.upper()
        if ch in " \r\u00a0":
            rd.read()
            return None, None
        if _java_whitespace(ch):
            run = ""
            while rd.peek() != "" and _java_whitespace(rd.peek()):
                run += rd.read()
            return ("blank", None) if run.count("\n") >= 2 else (None, None)
        rd.read()
        return "symbol", None

    stored = re.compile(r"^CREATE\s(((DEFINER\s(\w+\s)?@\s(\w+\s)?)?(PROCEDURE|FUNCTION|EVENT))|TRIGGER)$")
    while True:
        rec.start()
        tokens, non_comment, depth, last, words, program = [], False, 0, None, [], False
        while True:
            kind, text = token()
            if kind is None:
                if not tokens:
                    rec.start()
                else:
                    rec.confirm()
                continue
            if kind == "newdelim":
                if tokens and non_comment:
                    raise Failure("Delimiter changed inside statement")
                state["delim"] = text
                tokens, words, program, last = [], [], False, None
                rec.start()
                continue
            if kind in ("delimiter", "blank") and not non_comment:
                tokens, words, program, last = [], [], False, None
                rec.start()
                continue
            if mysql and kind != "eof" and state["parens"] == 0:
                if kind == "keyword" and text == "BEGIN" and program:
                    depth += 1
                if kind == "keyword" and text == "CASE" and last != "END":
                    depth += 1
                if depth > 0 and last == "END" and not (kind == "keyword" and text in ("IF", "LOOP", "REPEAT", "WHILE")):
                    depth -= 1
            if kind == "eof" or (kind == "delimiter" and state["parens"] == 0 and depth == 0):
                sql = rec.stop()
                if kind == "eof" and (not tokens or not non_comment):
                    return out
                out.append(sql)
                if kind == "eof":
                    return out
                break
            if kind != "comment":
                non_comment = True
            tokens.append(kind)
            rec.confirm()
            if mysql and kind == "keyword" and state["parens"] == 0 and len(words) < 10:
                words.append(text)
                program = program or bool(stored.match(" ".join(words)))
            if state["parens"] == 0 and kind not in ("comment", "blank"):
                last = text if kind == "keyword" else None


def checksum(statement):
    return hashlib.md5(statement.encode("utf-8")).hexdigest()


# --- configuration -------------------------------------------------------------------

def expand(text):
    def replace(match):
        name, default = match.group(1), match.group(3)
        value = os.environ.get(name)
        if value is None or value == "":
            # Defaults may be written quoted: ${SEARCH_TYPE:- "elasticsearch"}.
            return (default or "").strip().strip('"')
        return value
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}", replace, text)


def read_config(path):
    """The database: and migrationConfiguration: sections, expanded."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        raise SystemExit(f"Cannot read the configuration {path}: {exc.strerror}")
    sections, section = {}, None
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            section = line.split(":", 1)[0].strip()
            sections.setdefault(section, {})
            continue
        if section and ":" in line:
            key, value = line.strip().split(":", 1)
            value = value.strip()
            if value.startswith(("'", '"')) and value.endswith(value[0]) and len(value) > 1:
                value = value[1:-1]
            sections[section][key.strip()] = expand(value)
    return sections


class Database:
    def __init__(self, config):
        section = config.get("database", {})
        url = section.get("url", "")
        match = re.match(r"jdbc:(mysql|postgresql)://([^:/?]+)(?::(\d+))?/([^?]+)(?:\?(.*))?$", url)
        if not match:
            raise SystemExit(f"Cannot understand the JDBC url of the configuration: {url!r}")
        self.mysql = match.group(1) == "mysql"
        self.driver = "com.mysql.cj.jdbc.Driver" if self.mysql else "org.postgresql.Driver"
        if section.get("driverClass") and section.get("driverClass") != self.driver:
            raise SystemExit(f"driverClass {section.get('driverClass')} does not match {url}")
        self.host = match.group(2)
        self.port = int(match.group(3) or (3306 if self.mysql else 5432))
        self.name = match.group(4)
        params = dict(p.split("=", 1) for p in (match.group(5) or "").split("&") if "=" in p)
        self.schema = params.get("currentSchema", "")
        self.user = section.get("user", "")
        self.password = section.get("password", "")
        self.url = f"jdbc:{match.group(1)}://{self.host}:{self.port}/{self.name}"
        self.connection_type = self.driver

    def q(self, text):
        text = text.replace("'", "''")
        return "'" + (text.replace("\\", "\\\\") if self.mysql else text) + "'"

    def run(self, sql):
        """(ok, rows, message); the password goes through the environment only."""
        env = dict(os.environ)
        if self.mysql:
            env["MYSQL_PWD"] = self.password
            command = ["mariadb", "--no-defaults", "--protocol=TCP", "-h", self.host,
                       "-P", str(self.port), "-u", self.user, "--default-character-set=utf8mb4",
                       "--connect-timeout=10", "-N", "-B", self.name]
        else:
            env["PGPASSWORD"] = self.password
            env["PGCONNECT_TIMEOUT"] = "10"
            if self.schema:
                env["PGOPTIONS"] = f"-c search_path={self.schema}"
            command = ["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                       "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", self.name,
                       "-f", "-"]
        try:
            # A statement may end in a -- comment, or hold ';' in a procedure body: give the
            # clients an ending of their own, on a line of its own.
            text = f"DELIMITER $$omu$$\n{sql}\n$$omu$$\n" if self.mysql else sql + "\n;\n"
            done = subprocess.run(command, input=text.encode("utf-8"), env=env,
                                  capture_output=True, timeout=CLIENT_TIMEOUT)
        except subprocess.TimeoutExpired:
            return False, [], "the statement did not finish in time"
        out = done.stdout.decode("utf-8", "replace")
        message = done.stderr.decode("utf-8", "replace").strip()
        rows = [line.split("\t") for line in out.splitlines() if line != ""]
        return done.returncode == 0, rows, message

    def connection_error(self, message):
        lowered = message.lower()
        return any(s in lowered for s in ("can't connect", "connection refused", "could not connect",
                                          "lost connection", "server has gone away",
                                          "connection to server", "timeout expired"))

    def java_error(self, message):
        if self.connection_error(message):
            if self.mysql:
                return ("com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link "
                        "failure\n\nThe last packet sent successfully to the server was 0 "
                        "milliseconds ago. The driver has not received any packets from the server.")
            return (f"org.postgresql.util.PSQLException: Connection to {self.host}:{self.port} "
                    "refused. Check that the hostname and port are correct and that the postmaster "
                    "is accepting TCP/IP connections.")
        first = message.splitlines()[0] if message else "unknown error"
        first = re.sub(r"^psql:<stdin>:\d+: ", "", first)
        kind = "java.sql.SQLException" if self.mysql else "org.postgresql.util.PSQLException"
        return f"{kind}: {first}"


# --- the tool ------------------------------------------------------------------------

class Failure(Exception):
    pass


def is_connection_failure(text):
    return "CommunicationsException" in text or "PSQLException: Connection to" in text


def injected():
    value = os.environ.get("OMU_FAKE_OM_FAIL", "")
    if not value:
        return None, None
    mode, _, version = value.partition("@")
    return mode, (version or None)


def sort_memory_bytes(db):
    if db.mysql:
        ok, rows, _ = db.run("SELECT @@sort_buffer_size")
        return int(rows[0][0]) if ok and rows else 0
    ok, rows, _ = db.run("SHOW work_mem")
    if not ok or not rows:
        return 0
    match = re.match(r"(\d+)\s*([kMGT]?B)?", rows[0][0])
    units = {"": 1024, "B": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}
    return int(match.group(1)) * units[match.group(2) or ""] if match else 0


class Tool:
    def __init__(self, root, config_path, force):
        self.root = root
        self.force = force
        self.config = read_config(config_path)
        self.db = Database(self.config)
        migration = self.config.get("migrationConfiguration", {})
        self.native_root = os.path.normpath(os.path.join(root, migration.get("nativePath", "./bootstrap/sql/migrations/native")))
        self.flyway_root = os.path.normpath(os.path.join(root, migration.get("flywayPath", "./bootstrap/sql/migrations/flyway")))
        self.engine_folder = "mysql" if self.db.mysql else "postgres"
        self.mode, self.mode_version = injected()

    def table(self, lower):
        return lower.upper() if self.db.mysql else lower

    def query(self, sql):
        ok, rows, message = self.db.run(sql)
        if not ok:
            raise Failure(self.db.java_error(message))
        return rows

    def check_connection(self):
        ok, _, message = self.db.run("SELECT 1")
        if not ok:
            raise Failure(self.db.java_error(message))

    # Flyway ------------------------------------------------------------------------
    def flyway(self):
        folder = os.path.join(self.flyway_root, self.db.driver)
        scripts = sorted((f for f in os.listdir(folder) if re.match(r"v\d+__.*\.sql$", f)),
                         key=lambda f: int(re.match(r"v(\d+)", f).group(1))) if os.path.isdir(folder) else []
        info(f"Database: {self.db.url}", "o.f.c.i.d.b.BaseDatabaseType")
        if self.mode == "flyway-checksum":
            raise Failure("org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: "
                          "Migrations have failed validation\nMigration checksum mismatch for "
                          "migration version 013\n-> Applied to database : 1456790332\n-> Resolved "
                          "locally    : -1780235415. Either revert the changes to the migration, or "
                          "run repair to update the schema history.")
        rows = self.query('SELECT version FROM ' + ('`DATABASE_CHANGE_LOG`' if self.db.mysql else '"DATABASE_CHANGE_LOG"') +
                          (" WHERE success = 1" if self.db.mysql else " WHERE success"))
        applied = max((int(r[0]) for r in rows if r and r[0].isdigit()), default=0)
        info(f"Successfully validated {len(scripts)} migrations", "o.f.c.i.c.DbValidate")
        info(f"Current version of schema: {applied:03d}", "o.f.c.i.c.DbMigrate")
        pending = [s for s in scripts if int(re.match(r"v(\d+)", s).group(1)) > applied]
        if not pending:
            info("Schema is up to date. No migration necessary.", "o.f.c.i.c.DbMigrate")
        for script in pending:
            number = int(re.match(r"v(\d+)", script).group(1))
            with open(os.path.join(folder, script), encoding="utf-8") as handle:
                for statement in split_sql(handle.read(), self.db.mysql):
                    self.query(statement)
            flyway_table = '`DATABASE_CHANGE_LOG`' if self.db.mysql else '"DATABASE_CHANGE_LOG"'
            self.query(f"INSERT INTO {flyway_table} (installed_rank, version, description, type, script, "
                       f"checksum, installed_by, execution_time, success) VALUES ({number}, "
                       f"{self.db.q(f'{number:03d}')}, {self.db.q(script)}, 'SQL', {self.db.q(script)}, 0, "
                       f"{self.db.q(self.db.user)}, 1, {'1' if self.db.mysql else 'true'})")
            info(f"Migrating schema to version \"{number:03d}\"", "o.f.c.i.c.DbMigrate")

    # Native migrations --------------------------------------------------------------
    def applied_versions(self):
        rows = self.query(f"SELECT version FROM {self.table('server_change_log')}")
        return [r[0] for r in rows if r]

    def available(self):
        versions = []
        for name in os.listdir(self.native_root):
            if version_key(name) and os.path.isdir(os.path.join(self.native_root, name)):
                versions.append(name)
        return sorted(versions, key=version_key)

    def logged(self, digest):
        # Like OpenMetadata: a statement logged once is skipped, whatever version logged it.
        rows = self.query(f"SELECT checksum FROM {self.table('server_migration_sql_logs')} WHERE "
                          f"checksum = {self.db.q(digest)}")
        return bool(rows)

    def run_file(self, version, path, first_version):
        if not os.path.isfile(path):
            return
        with open(path, encoding="utf-8") as handle:
            statements = split_sql(handle.read(), self.db.mysql)
        for statement in statements:
            digest = checksum(statement)
            if self.logged(digest):
                continue
            ok, _, message = self.db.run(statement)
            if not ok:
                failure = f"Failed to run sql: [{statement}] due to [{self.db.java_error(message)}]"
                if is_connection_failure(failure) or not self.force:
                    raise Failure(failure)
                log("WARN", "o.o.s.m.a.MigrationProcessImpl", failure)
                continue
            logs = self.table("server_migration_sql_logs")
            columns = "(version, sqlStatement, checksum, executedAt)"
            values = f"({self.db.q(version)}, {self.db.q(statement[:10000])}, {self.db.q(digest)}, CURRENT_TIMESTAMP)"
            if self.db.mysql:
                self.query(f"INSERT INTO {logs} {columns} VALUES {values} ON DUPLICATE KEY UPDATE "
                           f"version = VALUES(version), executedAt = VALUES(executedAt)")
            else:
                self.query(f"INSERT INTO {logs} {columns} VALUES {values} ON CONFLICT (checksum) "
                           f"DO UPDATE SET version = EXCLUDED.version, executedAt = EXCLUDED.executedAt")
            if self.mode == "die-mid-version" and version == first_version:
                # Gone mid-version, like a JVM killed by the OOM killer: no message.
                os.kill(os.getpid(), signal.SIGKILL)

    def data_migration(self, version, first_version):
        targeted = version == (self.mode_version or first_version)
        required = int(os.environ.get("OMU_FAKE_OM_REQUIRED_SORT_BYTES", "0") or 0)
        if (self.mode == "sort-memory" and targeted) or (required and sort_memory_bytes(self.db) < required):
            raise Failure("org.jdbi.v3.core.statement.UnableToExecuteStatementException: "
                          "java.sql.SQLException: Out of sort memory, consider increasing server "
                          "sort buffer size [statement:\"SELECT json FROM query_entity ORDER BY "
                          "name\", arguments:{positional:{}, named:{}, finder:[]}]")
        # The fake's data migration only reads (the real one walks entity_relationship).
        self.query("SELECT COUNT(*) FROM query_entity")

    def record_version(self, version, path):
        table = self.table("server_change_log")
        values = f"({self.db.q(version)}, {self.db.q(path)}, {self.db.q(str(uuid.uuid4()))}, CURRENT_TIMESTAMP)"
        if self.db.mysql:
            self.query(f"INSERT INTO {table} (version, migrationFileName, checksum, installed_on) VALUES "
                       f"{values} ON DUPLICATE KEY UPDATE checksum = VALUES(checksum)")
        else:
            self.query(f"INSERT INTO {table} (version, migrationFileName, checksum, installed_on) VALUES "
                       f"{values} ON CONFLICT (version) DO UPDATE SET checksum = EXCLUDED.checksum")

    def migrate(self):
        info("Migrating the OpenMetadata Schema.", "o.o.s.u.OpenMetadataOperations")
        self.check_connection()
        self.flyway()
        applied = self.applied_versions()
        available = self.available()
        if self.force or not applied:
            pending = available
        else:
            top = max(applied, key=version_key)
            pending = [v for v in available if version_key(v) > version_key(top)]
        info(f"Following Migrations will be performed, with Force Migration : {str(self.force).lower()}")
        ascii_table(["Version", "ConnectionType", "MigrationsFilePath"],
                    [[v, self.db.connection_type, os.path.join(self.native_root, v)] for v in pending],
                    "No Server Migration To be Run")
        if self.mode == "pending-migrations":
            raise Failure("java.lang.IllegalStateException: There are pending migrations to be run on "
                          "the database. Please backup your data and run `./bootstrap/openmetadata-ops.sh "
                          "migrate`. You can find more information on upgrading OpenMetadata at "
                          "https://docs.open-metadata.org/deployment/upgrade ")
        first = (self.mode_version or (pending[0] if pending else None))
        rows = []
        info("[MigrationWorkflow] WorkFlow Started")
        delay = int(os.environ.get("OMU_FAKE_OM_DELAY_MS", "0") or 0) / 1000.0
        try:
            for version in pending:
                info(f"[MigrationWorkFlow] Migration Run started for Version: {version}, with Force "
                     f"Migration : {str(self.force).lower()}")
                row = [version]
                rows.append(row)
                if version == first and self.mode == "hang":
                    seconds = min(int(os.environ.get("OMU_FAKE_OM_HANG_SECONDS", "60") or 60), 600)
                    time.sleep(seconds)
                    raise Failure("fake hang ended")
                if version == first and self.mode == "lost-connection":
                    self.db.host = "127.0.0.1"
                    self.db.port = 1
                    raise Failure(self.db.java_error("Can't connect to server (111 Connection refused)"))
                if delay:
                    time.sleep(delay)
                folder = os.path.join(self.native_root, version, self.engine_folder)
                row.append("Success")
                self.step(row, lambda: self.run_file(version, os.path.join(folder, "schemaChanges.sql"), first))
                info(f"[MigrationWorkflow] Version : {version} Run Schema Changes Query Status")
                self.step(row, lambda: self.data_migration(version, first))
                self.step(row, lambda: self.run_file(version, os.path.join(folder, "postDataMigrationSQLScript.sql"), first))
                info(f"[MigrationWorkflow] Version : {version} Run Post DDL Query Status")
                row.append("{}")
                self.record_version(version, os.path.join(self.native_root, version))
                info(f"[MigrationWorkFlow] Migration Run finished for Version: {version}")
        finally:
            ascii_table(["Version", "Initialization", "SchemaChanges", "DataMigration", "PostDDLScripts", "Context"],
                        rows, "Status Unavailable")
        info("[MigrationWorkflow] WorkFlow Completed")

    def step(self, row, action):
        try:
            action()
            row.append("Success")
        except Failure as failure:
            row.append("Failed due to : " + str(failure).splitlines()[0])
            if not self.force or is_connection_failure(str(failure)):
                raise

    def info_command(self):
        self.check_connection()
        applied = set(self.applied_versions())
        ascii_table(["Version", "Status"],
                    [[v, "Applied" if v in applied else "Pending"] for v in self.available()], "No migrations")

    def changelog(self):
        rows = self.query(f"SELECT installed_rank, version, migrationFileName, installed_on FROM "
                          f"{self.table('server_change_log')} ORDER BY installed_rank")
        ascii_table(["installed_rank", "version", "migrationFileName", "installed_on"], rows, "No changes")


def record_invocation(argv):
    path = os.environ.get("OMU_FAKE_OM_ARGS_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"argv": argv, "cwd": os.getcwd(),
                                     "envKeys": sorted(os.environ.keys())}) + "\n")
    pid_file = os.environ.get("OMU_FAKE_OM_PID_FILE")
    if pid_file:
        with open(pid_file, "w", encoding="utf-8") as handle:
            handle.write(str(os.getpid()))


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("ops", "storage"):
        print("usage: fake_openmetadata.py ops|storage <root> <arguments...>", file=sys.stderr)
        return 64
    flavour, root, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    record_invocation([flavour] + args)
    config = os.path.join(root, "conf", "openmetadata.yaml")
    force, command, rest = False, None, []
    i = 0
    while i < len(args):
        arg = args[i]
        if flavour == "ops" and arg in ("-c", "--config") and i + 1 < len(args):
            config = args[i + 1]
            i += 2
            continue
        if arg in ("-d", "--debug"):
            i += 1
            continue
        if arg in ("--force", "-force"):
            force = True
        elif command is None and not arg.startswith("-"):
            command = arg
        else:
            rest.append(arg)
        i += 1
    ops_commands = {"migrate", "repair", "info", "validate", "check-connection", "changelog",
                    "reindex", "deploy-pipelines", "migrate-secrets", "drop-create"}
    storage_commands = {"migrate-all", "migrate", "repair", "info", "validate", "check-connection",
                        "drop-create", "es-migrate"}
    if command not in (ops_commands if flavour == "ops" else storage_commands):
        print(f"Unknown command: {command}. Usage: "
              + ("openmetadata-ops.sh [-dhV] [-c=<configFilePath>] [COMMAND]" if flavour == "ops"
                 else "bootstrap_storage.sh <migrate-all|migrate|repair|info|validate|check-connection>"),
              file=sys.stderr)
        return 1
    if not os.path.isabs(config):
        config = os.path.join(os.getcwd(), config)
    try:
        tool = Tool(root, config, force)
        if command in ("migrate", "migrate-all"):
            tool.migrate()
            if command == "migrate-all":
                info("Search indexes: nothing to migrate in the fake.", "o.o.s.u.TablesInitializer")
        elif command == "repair":
            tool.check_connection()
            info("Successfully repaired schema history table `DATABASE_CHANGE_LOG`", "o.f.c.i.c.DbRepair")
        elif command == "info":
            tool.info_command()
        elif command == "changelog":
            tool.changelog()
        elif command in ("validate", "check-connection"):
            tool.check_connection()
            if command == "validate":
                tool.flyway()
        elif command == "reindex":
            tool.check_connection()
            info("Reindexing all entities (fake): done.", "o.o.s.u.OpenMetadataOperations")
        else:
            print(f"{command}: not implemented by the fake distribution", file=sys.stderr)
            return 1
    except Failure as failure:
        error(f"Failed to db migration due to ")
        print(str(failure), flush=True)
        print("\tat org.openmetadata.service.util.OpenMetadataOperations.migrate(OpenMetadataOperations.java:301)",
              flush=True)
        return 1
    except SystemExit as exc:
        if isinstance(exc.code, str):
            error(exc.code)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
