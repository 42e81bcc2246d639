package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelRolesTest {

    @Test
    void defaultsForMer4qColumnsGroupByArtistWithGenreList() {
        LabelRoles roles = LabelRoles.defaultsFor(Set.of("artist", "title", "genres", "quadrant", "moods"));
        assertEquals("artist", roles.groupColumn());
        assertEquals(Map.of(Relation.ARTIST, RelationColumns.of("artist"), Relation.GENRE, RelationColumns.of("genres"),
                Relation.MOOD, RelationColumns.of("quadrant")), roles.relations());
        assertEquals(Set.of("genres"), roles.listColumns());
    }

    @Test
    void defaultsForGameMusicColumnsGroupBySoundtrack() {
        LabelRoles roles = LabelRoles.defaultsFor(Set.of("track_id", "soundtrack", "title", "composer"));
        assertEquals("soundtrack", roles.groupColumn());
        assertEquals(Map.of(Relation.ALBUM, RelationColumns.of("soundtrack"),
                Relation.TRACK, new RelationColumns("track_id", "soundtrack")), roles.relations());
    }

    @Test
    void aSetCutFromAPlainFolderGroupsByTrackAndTakesNegativesFromOtherTracks() {
        LabelRoles roles = LabelRoles.defaultsFor(Set.of("track_id", "title", "source_file", "excerpt_start_s"));
        assertEquals("track_id", roles.groupColumn());
        assertEquals(Map.of(Relation.TRACK, RelationColumns.of("track_id")), roles.relations());
    }

    @Test
    void defaultsForFmaColumnsPreferIdsToNames() {
        LabelRoles roles = LabelRoles.defaultsFor(Set.of("artist", "artist_id", "album", "album_id", "genre", "title"));
        assertEquals("artist_id", roles.groupColumn());
        assertEquals(Map.of(Relation.ARTIST, RelationColumns.of("artist_id"), Relation.GENRE, RelationColumns.of("genre"),
                Relation.ALBUM, RelationColumns.of("album_id")), roles.relations());
        assertEquals(Set.of(), roles.listColumns());
    }

    @Test
    void rejectsColumnsWithoutAGroup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelRoles.defaultsFor(Set.of("genre", "title")));
        assertTrue(e.getMessage().contains("configure LabelRoles"), e.getMessage());
    }

    @Test
    void splitsListColumnsOnSemicolonsOnly() {
        LabelRoles roles = LabelRoles.defaultsFor(Set.of("artist", "genres"));
        Clip clip = new Clip("c", Path.of("/c"), Split.TRAIN,
                Map.of("artist", "Simon; Garfunkel", "genres", " Pop/Rock; R&B ;;Folk "));
        assertEquals(List.of("Pop/Rock", "R&B", "Folk"), List.copyOf(roles.values(clip, "genres")));
        assertEquals(Set.of("Simon; Garfunkel"), roles.values(clip, "artist"));
        assertEquals(Set.of(), roles.values(clip, "absent"));
    }
}
