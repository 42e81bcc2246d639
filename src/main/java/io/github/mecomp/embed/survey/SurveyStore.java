package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.audio.AudioFileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The survey's answers in one SQLite file.
 *
 * <p>Every write is its own transaction, committed before the method returns, so the page moves on only
 * after its answer is safe: killing the server at any point loses nothing that was acknowledged. Answers are
 * committed with {@code synchronous=FULL} (the log is flushed to the disk, so they survive a power cut too);
 * questions and listeners with {@code NORMAL}, which survives a killed process: losing one of those to a power
 * cut costs nothing, and each flush they skipped triples the answers per second on a busy disk. The write-ahead log lets the operator read the file (export, sqlite3) while
 * the survey runs. The schema version is SQLite's {@code user_version}: a file from a newer version of this
 * tool is refused rather than misread.
 *
 * <p>One connection, used under this object's lock: SQLite has one writer at a time anyway, and a commit
 * takes about a millisecond, far below what the listeners' pace needs.
 */
public final class SurveyStore implements AutoCloseable {

    public static final int SCHEMA_VERSION = 1;

    private static final String[] SCHEMA = {
        """
        CREATE TABLE clip (
          id       TEXT PRIMARY KEY,
          path     TEXT NOT NULL UNIQUE,
          format   TEXT NOT NULL,
          seconds  REAL NOT NULL CHECK (seconds > 0),
          bytes    INTEGER NOT NULL,
          modified INTEGER NOT NULL
        )""",
        """
        CREATE TABLE rater (
          id         TEXT PRIMARY KEY,
          created_ms INTEGER NOT NULL
        )""",
        """
        CREATE TABLE question (
          id        INTEGER PRIMARY KEY,
          rater     TEXT NOT NULL REFERENCES rater(id),
          clip1     TEXT NOT NULL REFERENCES clip(id),
          clip2     TEXT NOT NULL REFERENCES clip(id),
          clip3     TEXT NOT NULL REFERENCES clip(id),
          triplet   TEXT NOT NULL,
          kind      TEXT NOT NULL CHECK (kind IN ('random', 'uncertain', 'shared', 'repeat')),
          repeat_of INTEGER REFERENCES question(id),
          token     TEXT NOT NULL,
          served_ms INTEGER NOT NULL,
          listen_ms INTEGER NOT NULL
        )""",
        "CREATE INDEX question_rater ON question(rater)",
        "CREATE INDEX question_triplet ON question(triplet)",
        """
        CREATE TABLE answer (
          question    INTEGER PRIMARY KEY REFERENCES question(id),
          odd         INTEGER NOT NULL CHECK (odd IN (1, 2, 3)),
          answered_ms INTEGER NOT NULL
        )""",
    };

    private static final String QUESTION_COLUMNS =
            "q.id, q.rater, q.clip1, q.clip2, q.clip3, q.kind, q.repeat_of, q.token, q.served_ms, q.listen_ms";

    private final Path file;
    private final Connection db;

    private SurveyStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (creating if needed) the survey file.
     *
     * @throws IOException naming the file if it cannot be opened, is not a survey file, or was written by a
     *                     newer version
     */
    public static SurveyStore open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Connection db;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw new IOException(absolute + ": cannot open the survey database: " + e.getMessage(), e);
        }
        SurveyStore store = new SurveyStore(absolute, db);
        try {
            store.prepare();
        } catch (SQLException | IOException e) {
            store.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(absolute + ": not a usable survey database (" + e.getMessage()
                    + "); give a new file with --db", e);
        }
        return store;
    }

    private void prepare() throws SQLException, IOException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new IOException(file + ": SQLite refused write-ahead logging (journal mode is "
                            + rs.getString(1) + "); put the database on a local disk");
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");  // answers switch to FULL, see answer()
            s.execute("PRAGMA foreign_keys = ON");
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            if (version > SCHEMA_VERSION) {
                throw new IOException(file + ": survey database schema version " + version
                        + " is newer than this tool's (" + SCHEMA_VERSION + "); use a newer mecomp-embed");
            }
            if (version == 0) {
                boolean empty;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rs.next();
                    empty = rs.getInt(1) == 0;
                }
                if (!empty) {
                    throw new IOException(file + ": this SQLite file holds other tables, not a survey; give a new file");
                }
                db.setAutoCommit(false);
                try {
                    for (String sql : SCHEMA) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                    db.commit();
                } catch (SQLException e) {
                    db.rollback();
                    throw e;
                } finally {
                    db.setAutoCommit(true);
                }
            }
            // Later versions migrate here, one step at a time, each in its own transaction.
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version in the file. */
    public synchronized int schemaVersion() throws IOException {
        return (int) queryLong("PRAGMA user_version");
    }

    /** The journal mode in force ("wal"). */
    public synchronized String journalMode() throws IOException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw failure("reading the journal mode", e);
        }
    }

    // ---- clips ----

    /** Clips registered on earlier starts, by path, with files resolved under {@code root}. */
    public synchronized Map<String, SurveyClip> knownClips(Path root) throws IOException {
        Map<String, SurveyClip> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, path, format, seconds, bytes, modified FROM clip");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String path = rs.getString(2);
                out.put(path, new SurveyClip(rs.getString(1), path, root.resolve(path),
                        AudioFileFormat.valueOf(rs.getString(3)), rs.getDouble(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw failure("reading the registered clips", e);
        }
        return out;
    }

    /** Registers (or updates) the clips of the pool, in one transaction. Clips no longer present are kept. */
    public synchronized void registerClips(List<SurveyClip> clips) throws IOException {
        inTransaction("registering clips", () -> {
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO clip (id, path, format, seconds, bytes, modified) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET format = excluded.format, seconds = excluded.seconds,
                      bytes = excluded.bytes, modified = excluded.modified""")) {
                for (SurveyClip c : clips) {
                    ps.setString(1, c.id());
                    ps.setString(2, c.path());
                    ps.setString(3, c.format().name());
                    ps.setDouble(4, c.seconds());
                    ps.setLong(5, c.bytes());
                    ps.setLong(6, c.modified());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Path and duration of every clip ever registered, by id. */
    public synchronized Map<String, ClipInfo> clipInfo() throws IOException {
        Map<String, ClipInfo> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, path, seconds FROM clip ORDER BY path");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new ClipInfo(rs.getString(2), rs.getDouble(3)));
            }
        } catch (SQLException e) {
            throw failure("reading the clips", e);
        }
        return out;
    }

    /** A registered clip's name and duration. */
    public record ClipInfo(String path, double seconds) {
    }

    // ---- raters ----

    public synchronized void createRater(String id, long nowMs) throws IOException {
        inTransaction("creating a listener", () -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO rater (id, created_ms) VALUES (?, ?)")) {
                ps.setString(1, id);
                ps.setLong(2, nowMs);
                ps.executeUpdate();
            }
        });
    }

    public synchronized boolean raterExists(String id) throws IOException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM rater WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("looking up a listener", e);
        }
    }

    // ---- questions ----

    /** The question shown to {@code rater} and not answered yet, or null. */
    public synchronized Question outstanding(String rater) throws IOException {
        List<Question> found = questions("SELECT " + QUESTION_COLUMNS + " FROM question q"
                + " WHERE q.rater = ? AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.question = q.id)"
                + " ORDER BY q.id DESC LIMIT 1", rater);
        return found.isEmpty() ? null : found.get(0);
    }

    public synchronized Question question(long id) throws IOException {
        List<Question> found = questions("SELECT " + QUESTION_COLUMNS + " FROM question q WHERE q.id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Questions {@code rater} answered, oldest first, each with its answer. */
    public synchronized List<StoredAnswer> answersOf(String rater) throws IOException {
        return answers(" WHERE q.rater = ?", rater);
    }

    public synchronized int answerCount(String rater) throws IOException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT count(*) FROM answer a JOIN question q ON q.id = a.question WHERE q.rater = ?")) {
            ps.setString(1, rater);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("counting answers", e);
        }
    }

    /** Triplet keys already put to {@code rater}. */
    public synchronized Set<String> tripletsSeenBy(String rater) throws IOException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT triplet FROM question WHERE rater = ?")) {
            ps.setString(1, rater);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("reading a listener's questions", e);
        }
        return out;
    }

    /**
     * Triplets that other listeners answered, fewer than {@code maxVotes} times, that {@code rater} has not
     * seen: their clip ids in the order first shown, fewest answers first.
     */
    public synchronized List<List<String>> sharedCandidates(String rater, int maxVotes, int limit) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT q.clip1, q.clip2, q.clip3, count(DISTINCT q.rater) AS votes FROM question q
                JOIN answer a ON a.question = q.id
                WHERE q.triplet NOT IN (SELECT triplet FROM question WHERE rater = ?)
                GROUP BY q.triplet HAVING votes < ? ORDER BY votes, min(q.id) LIMIT ?""")) {
            ps.setString(1, rater);
            ps.setInt(2, maxVotes);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failure("finding shared triplets", e);
        }
        return out;
    }

    /** Records a question shown to a listener; returns it with its id. */
    public synchronized Question addQuestion(String rater, List<String> clips, Question.Kind kind, long repeatOf,
                                             String token, long servedMs, long listenMs) throws IOException {
        Question draft = new Question(0, rater, clips, kind, repeatOf, token, servedMs, listenMs);
        long[] id = new long[1];
        inTransaction("storing a question", () -> {
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO question (rater, clip1, clip2, clip3, triplet, kind, repeat_of, token, served_ms, listen_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, rater);
                ps.setString(2, clips.get(0));
                ps.setString(3, clips.get(1));
                ps.setString(4, clips.get(2));
                ps.setString(5, draft.tripletKey());
                ps.setString(6, kind.column());
                if (repeatOf > 0) {
                    ps.setLong(7, repeatOf);
                } else {
                    ps.setNull(7, java.sql.Types.INTEGER);
                }
                ps.setString(8, token);
                ps.setLong(9, servedMs);
                ps.setLong(10, listenMs);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id[0] = keys.getLong(1);
                }
            }
        });
        return new Question(id[0], rater, clips, kind, repeatOf, token, servedMs, listenMs);
    }

    // ---- answers ----

    /** What became of an answer. */
    public enum Outcome {
        /** Committed to disk. */
        STORED,
        /** No such question. */
        UNKNOWN_QUESTION,
        /** The question belongs to another listener, or the token does not match: nothing stored. */
        FORGED,
        /** The question was answered already: a replay or a double submit; nothing stored. */
        ALREADY_ANSWERED
    }

    /**
     * Stores an answer if it is the first for a question of this listener carrying that question's token.
     * The check and the insert are one transaction.
     */
    public synchronized Outcome answer(long questionId, String rater, String token, int odd, long nowMs)
            throws IOException {
        if (odd < 1 || odd > 3) {
            throw new IllegalArgumentException("odd must be 1, 2 or 3, got " + odd);
        }
        Outcome[] outcome = new Outcome[1];
        setSynchronous("FULL");
        try {
            inTransaction("storing an answer", () -> answerIn(questionId, rater, token, odd, nowMs, outcome));
        } finally {
            setSynchronous("NORMAL");
        }
        return outcome[0];
    }

    private void answerIn(long questionId, String rater, String token, int odd, long nowMs, Outcome[] outcome)
            throws SQLException, IOException {
        Question q = question(questionId);
        if (q == null) {
            outcome[0] = Outcome.UNKNOWN_QUESTION;
            return;
        }
        if (!q.rater().equals(rater) || !Tokens.equal(q.token(), token)) {
            outcome[0] = Outcome.FORGED;
            return;
        }
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR IGNORE INTO answer (question, odd, answered_ms) VALUES (?, ?, ?)")) {
            ps.setLong(1, questionId);
            ps.setInt(2, odd);
            ps.setLong(3, nowMs);
            outcome[0] = ps.executeUpdate() == 1 ? Outcome.STORED : Outcome.ALREADY_ANSWERED;
        }
    }

    private void setSynchronous(String level) throws IOException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA synchronous = " + level);
        } catch (SQLException e) {
            throw failure("setting synchronous = " + level, e);
        }
    }

    /** Every answer with its question, in the order given. */
    public synchronized List<StoredAnswer> allAnswers() throws IOException {
        return answers("");
    }

    /** Counts for the operator page: raters, questions, answers, and answers per kind. */
    public synchronized Map<String, Long> counts() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("listeners", queryLong("SELECT count(*) FROM rater"));
        out.put("listeners who answered", queryLong(
                "SELECT count(DISTINCT q.rater) FROM answer a JOIN question q ON q.id = a.question"));
        out.put("questions shown", queryLong("SELECT count(*) FROM question"));
        out.put("answers", queryLong("SELECT count(*) FROM answer"));
        for (Question.Kind k : Question.Kind.values()) {
            out.put("answers: " + k.column(), queryLong("SELECT count(*) FROM answer a JOIN question q ON q.id = a.question"
                    + " WHERE q.kind = '" + k.column() + "'"));
        }
        out.put("clips", queryLong("SELECT count(*) FROM clip"));
        return out;
    }

    private List<StoredAnswer> answers(String where, Object... args) throws IOException {
        List<StoredAnswer> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + QUESTION_COLUMNS + ", a.odd, a.answered_ms"
                + " FROM answer a JOIN question q ON q.id = a.question" + where + " ORDER BY a.answered_ms, q.id")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredAnswer(questionAt(rs), rs.getInt(11), rs.getLong(12)));
                }
            }
        } catch (SQLException e) {
            throw failure("reading answers", e);
        }
        return out;
    }

    private List<Question> questions(String sql, Object... args) throws IOException {
        List<Question> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(questionAt(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("reading questions", e);
        }
        return out;
    }

    private static Question questionAt(ResultSet rs) throws SQLException {
        return new Question(rs.getLong(1), rs.getString(2), List.of(rs.getString(3), rs.getString(4), rs.getString(5)),
                Question.Kind.fromColumn(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getLong(9),
                rs.getLong(10));
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) args[i]);
            }
        }
    }

    private long queryLong(String sql) throws IOException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("running " + sql, e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException, IOException;
    }

    private void inTransaction(String what, Work work) throws IOException {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private IOException failure(String what, Exception e) {
        return new IOException(file + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing after a failure: nothing more to save
        }
    }
}
