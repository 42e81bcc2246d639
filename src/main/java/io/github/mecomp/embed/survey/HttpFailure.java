package io.github.mecomp.embed.survey;

/** A request refused with a status and a message for the client; nothing was stored. */
final class HttpFailure extends Exception {

    private final int status;

    HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
