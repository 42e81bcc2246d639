/**
 * Data sets, their evaluation triplets and weakly supervised training triplets.
 *
 * <ul>
 *   <li>{@link io.github.mecomp.embed.data.DatasetReader} reads a set folder (labels.csv, triplets/*.csv);
 *       {@link io.github.mecomp.embed.data.FmaReader} reads the Free Music Archive layout.</li>
 *   <li>{@link io.github.mecomp.embed.data.HumanTriplets} reads human similarity judgements.</li>
 *   <li>{@link io.github.mecomp.embed.data.TripletMiner} mines training and validation triplets from the
 *       metadata of train clips, split by group so that validation measures generalisation.</li>
 *   <li>{@link io.github.mecomp.embed.data.CsvReader} is the strict CSV reader under all of them; every
 *       format error is a {@link io.github.mecomp.embed.data.DataFormatException} naming file and line.</li>
 * </ul>
 */
package io.github.mecomp.embed.data;
