package org.mapwright.internal.spark;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import scala.Tuple2;

/**
 * The line each record of a JSON array file starts on, which Spark's JSON reader does not report:
 * one task scans the file with a streaming parser and notes the lines of the records asked for
 * (the rejected ones), so rejects name lines as the local engine's do.
 */
final class JsonLines {

    private JsonLines() {
    }

    /**
     * @param location the file, as Spark reads it
     * @param records  1-based record numbers
     * @return the line of each record found
     */
    static Map<Long, Long> of(SparkSession spark, String location, Charset encoding, long[] records) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, String> conf = new HashMap<>();
        for (Map.Entry<String, String> e : spark.sparkContext().hadoopConfiguration()) {
            if (e.getKey().startsWith("fs.")) {
                conf.put(e.getKey(), e.getValue());
            }
        }
        String charset = encoding.name();
        List<Tuple2<Long, Long>> found = jsc.parallelize(List.of(location), 1).flatMap(loc -> {
            Configuration c = new Configuration();
            conf.forEach(c::set);
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (long r : records) {
                wanted.add(r);
            }
            List<Tuple2<Long, Long>> out = new ArrayList<>();
            Path p = new Path(loc);
            try (InputStream in = p.getFileSystem(c).open(p); Reader reader = new InputStreamReader(in, charset);
                    JsonParser parser = new JsonFactory().createParser(reader)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return out.iterator();
                }
                long record = 0;
                JsonToken t;
                while ((t = parser.nextToken()) != null && t != JsonToken.END_ARRAY) {
                    record++;
                    if (wanted.contains(record)) {
                        out.add(new Tuple2<>(record, (long) parser.currentTokenLocation().getLineNr()));
                    }
                    parser.skipChildren();
                }
            }
            return out.iterator();
        }).collect();
        Map<Long, Long> lines = new HashMap<>();
        for (Tuple2<Long, Long> t : found) {
            lines.put(t._1(), t._2());
        }
        return lines;
    }
}
