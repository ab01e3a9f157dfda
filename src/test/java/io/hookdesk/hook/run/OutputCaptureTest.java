package io.hookdesk.hook.run;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class OutputCaptureTest {

    private static void write(OutputCapture capture, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        capture.write(bytes, 0, bytes.length);
    }

    @Test
    void outputWithinTheCapIsKeptWhole() {
        OutputCapture capture = new OutputCapture(16);
        write(capture, "0123456789");
        write(capture, "abcdef");

        assertThat(capture.text()).isEqualTo("0123456789abcdef");
        assertThat(capture.total()).isEqualTo(16);
    }

    @Test
    void outputBeyondTheCapKeepsTheFirstAndLastHalfWithAMarker() {
        OutputCapture capture = new OutputCapture(10);
        write(capture, "HEAD1");
        for (int i = 0; i < 1000; i++) {
            write(capture, "middle ");
        }
        write(capture, "TAIL1");

        assertThat(capture.text()).isEqualTo("HEAD1\n[... 7.0 kB of output omitted by HookDesk ...]\nTAIL1");
    }

    @Test
    void oneLargeWriteIsSplitLikeManySmallOnes() {
        OutputCapture capture = new OutputCapture(6);
        write(capture, "abcdefghij");

        assertThat(capture.text()).isEqualTo("abc\n[... 4 bytes of output omitted by HookDesk ...]\nhij");
    }

    @Test
    void cutThroughMultiByteCharactersLeavesNoReplacementCharacters() {
        OutputCapture capture = new OutputCapture(10);
        write(capture, "ééééé€€€€€");

        String text = capture.text();
        assertThat(text).doesNotContain("\uFFFD").startsWith("éé\n").endsWith("\n€");
        assertThat(text).contains("[... 18 bytes of output omitted by HookDesk ...]");
    }

    @Test
    void malformedUtf8IsReplacedRatherThanFatal() {
        OutputCapture capture = new OutputCapture(100);
        capture.write(new byte[] {'o', 'k', (byte) 0xFF, (byte) 0xC3, '!'}, 0, 5);

        assertThat(capture.text()).isEqualTo("ok\uFFFD\uFFFD!");
    }

    @Test
    void readerThreadCopiesAStreamToItsEnd() throws InterruptedException {
        OutputCapture capture = new OutputCapture(1 << 20);
        byte[] bytes = "x".repeat(300_000).getBytes(StandardCharsets.US_ASCII);

        OutputCapture.Reading reader = capture.readFrom(new ByteArrayInputStream(bytes), "test-reader", Runnable::run);

        assertThat(reader.await(5_000)).isTrue();
        assertThat(reader.finished()).isTrue();
        assertThat(capture.total()).isEqualTo(300_000);
    }

    @Test
    void sizesReadNaturally() {
        assertThat(OutputCapture.size(1)).isEqualTo("1 byte");
        assertThat(OutputCapture.size(999)).isEqualTo("999 bytes");
        assertThat(OutputCapture.size(1000)).isEqualTo("1.0 kB");
        assertThat(OutputCapture.size(48_200_000)).isEqualTo("48.2 MB");
        assertThat(OutputCapture.size(999_999)).isEqualTo("1.0 MB");
        assertThat(OutputCapture.size(3_500_000_000L)).isEqualTo("3.5 GB");
    }

    @Test
    void keepsExactlyTheFirstAndLastHalfOfTheCapHoweverTheOutputArrives() {
        qt().withExamples(300).forAll(ascii(), integers().between(2, 40), lists().of(integers().between(1, 30)).ofSizeBetween(0, 20))
                .checkAssert((output, cap, chunkSizes) -> {
                    OutputCapture capture = new OutputCapture(cap);
                    int at = 0;
                    for (int i = 0; at < output.length(); i++) {
                        int size = chunkSizes.isEmpty() ? output.length() : chunkSizes.get(i % chunkSizes.size());
                        int end = Math.min(output.length(), at + size);
                        write(capture, output.substring(at, end));
                        at = end;
                    }

                    int n = output.length();
                    String expected = n <= cap ? output
                            : output.substring(0, cap / 2)
                            + "\n[... " + OutputCapture.size(n - cap) + " of output omitted by HookDesk ...]\n"
                            + output.substring(n - (cap - cap / 2));
                    assertThat(capture.text()).isEqualTo(expected);
                    assertThat(capture.total()).isEqualTo(n);
                });
    }

    /** Printable ASCII and newlines, up to 200 characters. */
    private static Gen<String> ascii() {
        Gen<Character> c = Generate.frequency(Pair.of(20, Generate.characters(' ', '~')), Pair.of(1, Generate.constant('\n')));
        return lists().of(c).ofSizeBetween(0, 200).map(chars -> {
            StringBuilder b = new StringBuilder(chars.size());
            chars.forEach(b::append);
            return b.toString();
        });
    }
}
