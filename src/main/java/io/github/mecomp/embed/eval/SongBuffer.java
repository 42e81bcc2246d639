package io.github.mecomp.embed.eval;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One song's samples in native memory, as ONNX Runtime's input [1, N]. ONNX Runtime reads a direct buffer in
 * place but copies a heap array into a fresh direct buffer on every call (16 MB for a 3-minute song, which cost
 * more than our model itself), so the buffer is kept and reused. Not thread-safe: one per thread.
 */
public final class SongBuffer {

    private FloatBuffer buffer = FloatBuffer.allocate(0);

    /** The samples as a tensor [1, N] over this buffer: valid until the next call. */
    public OnnxTensor tensor(OrtEnvironment env, float[] samples) throws OrtException {
        if (buffer.capacity() < samples.length) {
            buffer = ByteBuffer.allocateDirect(4 * samples.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        buffer.clear();
        buffer.put(samples).flip();
        return OnnxTensor.createTensor(env, buffer, new long[] {1, samples.length});
    }
}
