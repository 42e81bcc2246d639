package io.github.mecomp.embed.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts label columns play when mining one data set.
 *
 * @param groupColumn the column that keeps clips apart: training and validation never share a value of it,
 *                    and no train clip sharing a value with a test clip is mined at all (artist for mer4q and
 *                    FMA, soundtrack for game music). Single-valued.
 * @param relations   the columns of each relation this set supports; relations missing here are not mined
 * @param listColumns columns holding {@value #LIST_SEPARATOR}-separated values (mer4q's genres). For these
 *                    the anchor and positive must each have exactly one value, the same one, which is how the
 *                    evaluation sets define "same genre": a clip listed under four genres says little.
 */
public record LabelRoles(String groupColumn, Map<Relation, RelationColumns> relations, Set<String> listColumns) {

    public static final String LIST_SEPARATOR = ";";

    // Preference order of default columns: ids before names, as names collide (FMA has many albums titled
    // "Demo"), and game soundtracks before albums. The track comes last: a set cut from a plain music folder
    // (the excerpts command) knows nothing else, and keeping its songs apart is all a split then needs.
    private static final List<String> GROUP_COLUMNS =
            List.of("artist_id", "artist", "soundtrack", "album_id", "album", "track_id");
    private static final List<String> ARTIST_COLUMNS = List.of("artist_id", "artist");
    private static final List<String> GENRE_COLUMNS = List.of("genres", "genre");
    private static final List<String> ALBUM_COLUMNS = List.of("soundtrack", "album_id", "album");
    private static final String TRACK_COLUMN = "track_id";
    private static final List<String> MOOD_COLUMNS = List.of("quadrant", "mood");
    private static final Set<String> DEFAULT_LIST_COLUMNS = Set.of("genres");

    public LabelRoles {
        if (groupColumn == null || groupColumn.isBlank()) {
            throw new IllegalArgumentException("a group column is needed to split by group");
        }
        listColumns = Set.copyOf(listColumns);
        if (listColumns.contains(groupColumn)) {
            throw new IllegalArgumentException("the group column '" + groupColumn + "' must hold one value per clip");
        }
        relations = relations.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(relations));
    }

    /**
     * Roles picked from the columns a set has: group artist_id, artist, soundtrack, album_id, album or track_id
     * (the first present); artist from artist_id or artist; genre from genres (a list) or genre; album from
     * soundtrack, album_id or album; track from track_id, its negative from another album or soundtrack
     * (from another track where the set has neither).
     *
     * @throws IllegalArgumentException if none of the group columns is present
     */
    public static LabelRoles defaultsFor(Set<String> columns) {
        String group = first(GROUP_COLUMNS, columns);
        if (group == null) {
            throw new IllegalArgumentException("no column to group clips by (one of " + GROUP_COLUMNS
                    + ") among " + columns + "; configure LabelRoles for this set");
        }
        Map<Relation, RelationColumns> relations = new EnumMap<>(Relation.class);
        String artist = first(ARTIST_COLUMNS, columns);
        String genre = first(GENRE_COLUMNS, columns);
        String album = first(ALBUM_COLUMNS, columns);
        if (artist != null) {
            relations.put(Relation.ARTIST, RelationColumns.of(artist));
        }
        if (genre != null) {
            relations.put(Relation.GENRE, RelationColumns.of(genre));
        }
        if (album != null) {
            relations.put(Relation.ALBUM, RelationColumns.of(album));
        }
        if (columns.contains(TRACK_COLUMN)) {
            relations.put(Relation.TRACK, new RelationColumns(TRACK_COLUMN, album != null ? album : TRACK_COLUMN));
        }
        String mood = first(MOOD_COLUMNS, columns);
        if (mood != null) {
            relations.put(Relation.MOOD, RelationColumns.of(mood));
        }
        Set<String> lists = new LinkedHashSet<>(DEFAULT_LIST_COLUMNS);
        lists.retainAll(columns);
        return new LabelRoles(group, relations, lists);
    }

    /** {@link #defaultsFor(Set)} of the set's label columns. */
    public static LabelRoles defaultsFor(Dataset dataset) {
        return defaultsFor(dataset.labelColumns());
    }

    /** A clip's values in a column: none when blank, several for a list column, trimmed. */
    public Set<String> values(Clip clip, String column) {
        String raw = clip.label(column).orElse("");
        if (raw.isBlank()) {
            return Set.of();
        }
        if (!listColumns.contains(column)) {
            return Set.of(raw.trim());
        }
        Set<String> values = new LinkedHashSet<>();
        for (String v : raw.split(LIST_SEPARATOR, -1)) {
            if (!v.isBlank()) {
                values.add(v.trim());
            }
        }
        return Collections.unmodifiableSet(values);
    }

    private static String first(List<String> preferred, Set<String> present) {
        return preferred.stream().filter(present::contains).findFirst().orElse(null);
    }
}
