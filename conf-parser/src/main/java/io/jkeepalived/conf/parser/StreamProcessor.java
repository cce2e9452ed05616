package io.jkeepalived.conf.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * keepalived's {@code process_stream()}, {@code alloc_value_block()} and {@code skip_block()}: walks the
 * lines of a {@link ConfigReader} through nested {@link KeywordTable}s.
 *
 * <p>It reproduces keepalived's recovery exactly, because operators' configs depend on it and the
 * differential tests compare line numbers: an unknown keyword that opens a block is reported, its
 * {@code {} is "Unexpected '{' - ignoring", its body is read at the enclosing level and its {@code }}
 * closes the enclosing block.
 */
public final class StreamProcessor {
    private final ConfigReader reader;
    private final Diagnostics diag;
    private int skipSublevel;
    private int kwLevel;
    private String currentRaw;
    private ParseListener listener = ParseListener.NONE;

    public StreamProcessor(ConfigReader reader, Diagnostics diag) {
        this.reader = reader;
        this.diag = diag;
    }

    public void setListener(ParseListener listener) {
        this.listener = listener == null ? ParseListener.NONE : listener;
    }

    /** Processes the whole stream against the root table. */
    public void run(KeywordTable root) {
        process(root, false);
    }

    private Words words(String line) {
        List<String> w = Tokenizer.words(line, diag);
        return w.isEmpty() ? null : Words.owned(w, line, diag);
    }

    private boolean process(KeywordTable table, boolean needBobArg) {
        boolean needBob = needBobArg;
        boolean bobNeeded = false;
        boolean retErr = false;
        String buf;
        while ((buf = reader.readLine()) != null) {
            if (skipSublevel > 0 && buf.indexOf('"') < 0) {
                // Skipping a block: the reader has split every unquoted brace onto a line of its own,
                // so only a line that is exactly a brace can change the depth (the common case of a
                // large config read by a process that does not own most of it).
                if (buf.equals("{")) {
                    skipSublevel++;
                    continue;
                }
                if (!buf.equals("}")) {
                    continue;
                }
                if (--skipSublevel == 0 && kwLevel > 0) {
                    retErr = true;
                    break;
                }
                continue;
            }
            Words strvec = words(buf);
            if (strvec == null) {
                continue;
            }
            String str = strvec.keyword();

            if (skipSublevel == -1) {
                if (str.equals("{")) {
                    skipSublevel = 1;
                    needBob = false;
                    continue;
                }
                skipSublevel = 0;
            }
            if (skipSublevel != 0) {
                for (String s : strvec.list()) {
                    str = s;
                    if (s.equals("{")) {
                        skipSublevel++;
                    } else if (s.equals("}")) {
                        if (--skipSublevel == 0) {
                            break;
                        }
                    }
                }
                if (str.equals("}") && skipSublevel == 0 && kwLevel > 0) {
                    retErr = true;
                    break;
                }
                continue;
            }

            if (needBob) {
                needBob = false;
                if (str.equals("{") && kwLevel > 0) {
                    continue;
                }
                diag.report(ConfigError.MISSING_BOB, "Missing '{' at beginning of configuration block");
            } else if (str.equals("{")) {
                diag.report(ConfigError.UNEXPECTED_BOB, "Unexpected '{' - ignoring");
                continue;
            }

            if (str.equals("}") && kwLevel > 0) {
                break;
            }

            KeywordTable.Keyword kw = table.find(str);
            if (kw == null) {
                diag.report(ConfigError.UNKNOWN_KEYWORD, "Unknown keyword '%s'%s", str, Suggestions.suffix(str, table));
                continue;
            }
            if (!kw.active) {
                List<String> l = strvec.list();
                skipSublevel = l.get(l.size() - 1).equals("{") ? 1 : -1;
                if (kw.handler != null) {
                    kw.handler.handle(null);
                }
            }
            Words handlerWords = strvec;
            if (kw.sub != null) {
                List<String> l = strvec.list();
                if (l.get(l.size() - 1).equals("{")) {
                    // a fresh list nobody else holds: wrapped, not copied again
                    handlerWords = Words.owned(new ArrayList<>(l.subList(0, l.size() - 1)), buf, diag);
                    bobNeeded = false;
                } else {
                    bobNeeded = true;
                }
            }
            boolean recorded = kw.active && kw.handler != null;
            if (recorded) {
                currentRaw = buf;
                listener.keyword(handlerWords, kw.sub != null);
                kw.handler.handle(handlerWords);
            }
            if (kw.sub != null) {
                kwLevel++;
                boolean ret = process(kw.sub, bobNeeded);
                kwLevel--;
                if (!ret && kw.active && kw.closeHandler != null) {
                    kw.closeHandler.run();
                }
                if (recorded) {
                    listener.leave();
                }
            }
        }
        return retErr;
    }

    /** The raw line of the keyword being handled (keepalived's {@code buf_extern}). */
    public String currentRaw() {
        return currentRaw;
    }

    /**
     * {@code skip_block(need_block_start)}: a handler rejected its block; the rest of it is skipped.
     */
    public void skipBlock(boolean needBlockStart) {
        skipSublevel = needBlockStart ? -1 : 1;
    }

    /**
     * {@code alloc_value_block(alloc_func, strvec)}: reads a {@code { a b c }} value block (the
     * {@code virtual_ipaddress} style) and hands each line's words to {@code each}.
     */
    public void valueBlock(Words strvec, Consumer<Words> each) {
        listener.valueBlock();
        boolean needBob = true;
        boolean hadEob = false;
        Words firstVec = null;
        if (strvec.size() > 1) {
            if (strvec.word(1).equals("{")) {
                needBob = false;
                if (strvec.size() > 2) {
                    List<String> rest = new ArrayList<>(strvec.list().subList(2, strvec.size()));
                    // keepalived looks at the last word of the original vector here
                    if (strvec.list().get(strvec.size() - 1).equals("}")) {
                        rest.remove(rest.size() - 1);
                        hadEob = true;
                    }
                    firstVec = new Words(rest, strvec.raw(), diag);
                }
            } else {
                diag.report(ConfigError.GENERAL_ERROR, "Block %s has extra parameters %s ...", strvec.word(0), strvec.word(1));
            }
        }
        while (true) {
            Words vec;
            boolean fromFirst = firstVec != null;
            if (fromFirst) {
                vec = firstVec;
                firstVec = null;
            } else {
                String buf = reader.readLine();
                if (buf == null) {
                    break;
                }
                vec = words(buf);
                if (vec == null) {
                    continue;
                }
                if (needBob) {
                    needBob = false;
                    if (vec.keyword().equals("{")) {
                        if (vec.size() == 1) {
                            continue;
                        }
                        vec = new Words(vec.list().subList(1, vec.size()), vec.raw(), diag);
                    } else {
                        diag.log("'{' missing from beginning of block %s", strvec.word(0));
                    }
                }
                String last = vec.list().get(vec.size() - 1);
                if (last.equals("}")) {
                    if (vec.size() == 1) {
                        break;
                    }
                    hadEob = true;
                    vec = new Words(vec.list().subList(0, vec.size() - 1), vec.raw(), diag);
                }
            }
            if (vec.size() > 0) {
                listener.value(vec);
                each.accept(vec);
            }
            if (hadEob) {
                break;
            }
        }
    }

    /** {@code read_value_block}: all the words of a value block, in order. */
    public List<String> readValueBlock(Words strvec) {
        List<String> out = new ArrayList<>();
        valueBlock(strvec, w -> out.addAll(w.list()));
        return out;
    }
}
