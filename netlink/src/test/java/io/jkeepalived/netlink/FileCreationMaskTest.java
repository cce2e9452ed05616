package io.jkeepalived.netlink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** umask(2) through {@link FileCreationMask}: a file created afterwards gets the mode the mask leaves. */
class FileCreationMaskTest {
    @TempDir
    Path dir;

    @Test
    void theMaskDecidesTheModeOfNewFiles() throws IOException {
        int before = FileCreationMask.set(0027);
        try {
            assertThat(FileCreationMask.set(0077)).as("returns the previous mask").isEqualTo(0027);
            Path f = Files.createFile(dir.resolve("a"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            FileCreationMask.set(0022);
            Path g = Files.createFile(dir.resolve("b"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g))).isEqualTo("rw-r--r--");
        } finally {
            FileCreationMask.set(before);
        }
    }

    @Test
    void bitsOutside0777AreRefused() {
        assertThatThrownBy(() -> FileCreationMask.set(01000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000");
    }
}
