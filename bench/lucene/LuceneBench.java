// Lucene, for comparison only (bench/baselines.py compiles and runs this against the Anserini fat jar from the
// pyserini wheel; nothing here is part of Bayegan).
//
//   java -cp anserini-fatjar.jar:. LuceneBench index CORPUS.jsonl INDEX_DIR THREADS
//   java -cp anserini-fatjar.jar:. LuceneBench search INDEX_DIR QUERIES.tsv ROUNDS CLIENTS
//
// index: every article as id (stored) + contents (title, summary, body) analyzed by Lucene's PersianAnalyzer,
// THREADS indexing threads, one commit at the end; prints {"seconds": s, "documents": n}.
// search: each query of QUERIES.tsv (family<TAB>query, the Lucene query syntax), top 10 by BM25 (k1 1.6, b 0.9:
// Bayegan's), ROUNDS times after one warm-up run; with CLIENTS > 1, CLIENTS threads run the whole list at once.
// Prints {"family": [milliseconds, ...], ..., "throughput": queries per second}.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.*;
import java.util.concurrent.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("index")) index(args[1], args[2], Integer.parseInt(args[3]));
        else search(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    }

    static void index(String corpus, String dir, int threads) throws Exception {
        long start = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new PersianAnalyzer());
        config.setRAMBufferSizeMB(256).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity(1.6f, 0.9f));
        ObjectMapper json = new ObjectMapper();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        BlockingQueue<Future<?>> pending = new ArrayBlockingQueue<>(threads * 64);
        long count = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(dir)), config);
             BufferedReader lines = Files.newBufferedReader(Paths.get(corpus), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                final String record = line;
                if (pending.remainingCapacity() == 0) pending.take().get();
                pending.put(pool.submit(() -> {
                    JsonNode a = json.readTree(record);
                    Document doc = new Document();
                    doc.add(new StringField("id", a.path("id").asText(), Field.Store.YES));
                    String text = a.path("title").asText("") + "\n" + a.path("summary").asText("") + "\n"
                            + a.path("body").asText("");
                    doc.add(new TextField("contents", text, Field.Store.NO));
                    writer.addDocument(doc);
                    return null;
                }));
                count++;
            }
            for (Future<?> f : pending) f.get();
            writer.commit();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"seconds\": " + seconds + ", \"documents\": " + count + "}");
    }

    static void search(String dir, String queriesPath, int rounds, int clients) throws Exception {
        Analyzer analyzer = new PersianAnalyzer();
        List<String[]> queries = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(queriesPath), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2) queries.add(parts);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity(1.6f, 0.9f));
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (String[] q : queries) {
                Query query = new QueryParser("contents", analyzer).parse(q[1]);
                searcher.search(query, 10);  // warm-up
                for (int r = 0; r < rounds; r++) {
                    long t = System.nanoTime();
                    searcher.search(query, 10);
                    times.computeIfAbsent(q[0], k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
                }
            }
            double throughput = 0;
            if (clients > 1) {
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<?>> all = new ArrayList<>();
                long t = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    all.add(pool.submit(() -> {
                        QueryParser parser = new QueryParser("contents", analyzer);
                        for (int r = 0; r < rounds; r++)
                            for (String[] q : queries) searcher.search(parser.parse(q[1]), 10);
                        return null;
                    }));
                }
                for (Future<?> f : all) f.get();
                throughput = clients * rounds * queries.size() / ((System.nanoTime() - t) / 1e9);
                pool.shutdown();
            }
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, List<Double>> e : times.entrySet())
                out.append("\"").append(e.getKey()).append("\": ").append(e.getValue()).append(", ");
            out.append("\"throughput\": ").append(throughput).append("}");
            System.out.println(out);
        }
    }
}
