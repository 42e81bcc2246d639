package io.github.mecomp.embed.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mecomp-embed " + (v == null ? "(development build)" : v)};
    }
}
