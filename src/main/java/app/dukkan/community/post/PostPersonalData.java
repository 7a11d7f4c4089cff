package app.dukkan.community.post;

import app.dukkan.community.profile.ErasureMode;
import app.dukkan.platform.Pictures;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's posts (with their earlier versions and pictures), comments and likes. An erasure
 * deletes their likes (the posts' counts follow), their earlier versions and their pictures with
 * the files; then, by {@link ErasureMode}, deletes their posts and comments (their text becomes
 * {@code [erased]}, the thread stays, others' replies too) or keeps them; the member's email, phone
 * and name are redacted from whatever posts and comments remain, anyone's.
 */
@Component
class PostPersonalData implements PersonalData {

    private final PostRepository posts;
    private final CommentRepository comments;
    private final Pictures pictures;
    private final JdbcClient jdbc;
    private final ExportRows rows;
    private final ErasureMode mode;

    PostPersonalData(
            PostRepository posts,
            CommentRepository comments,
            Pictures pictures,
            JdbcClient jdbc,
            ExportRows rows,
            @Value(ErasureMode.PROPERTY) ErasureMode mode) {
        this.posts = posts;
        this.comments = comments;
        this.pictures = pictures;
        this.jdbc = jdbc;
        this.rows = rows;
        this.mode = mode;
    }

    @Override
    public String part() {
        return "community-posts";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return Map.of();
        }
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("posts", rows.rows("""
                select id, text, status, like_count, comment_count, created_at, edited_at
                from community_posts where author_id = :user order by id""", params));
        out.put("earlier_versions", rows.rows("""
                select e.post_id, e.text, e.edited_at from community_post_edits e
                join community_posts p on p.id = e.post_id
                where p.author_id = :user order by e.post_id, e.edited_at""", params));
        out.put("pictures", rows.rows("""
                select post_id, width, height, renditions, created_at from community_post_images
                where owner_id = :user order by created_at, id""", params));
        out.put("comments", rows.rows("""
                select id, post_id, parent_id, text, status, created_at, edited_at
                from community_comments where author_id = :user order by id""", params));
        out.put("likes", rows.rows("""
                select post_id, created_at from community_likes
                where user_id = :user and active order by created_at""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        // what stays, the member's own (anonymised) or anyone's, loses their email, phone and name
        // (found by V57's trigram indexes); the marker can be longer than a short name, so the text is
        // cut at its column's limit rather than fail the erasure
        jdbc.sql("""
                        update community_comments set text = left(regexp_replace(text, :pattern, '[erased]', 'gi'), 1000)
                        where lower(text) ~ lower(:pattern)""").params(params).update();
        jdbc.sql("""
                        update community_posts set text = left(regexp_replace(text, :pattern, '[erased]', 'gi'), 2000)
                        where lower(text) ~ lower(:pattern)""").params(params).update();
        jdbc.sql("""
                        update community_post_edits set text = left(regexp_replace(text, :pattern, '[erased]', 'gi'), 2000)
                        where lower(text) ~ lower(:pattern)""").params(params).update();
        UUID user = subject.userId();
        if (user == null) {
            return;
        }
        jdbc.sql("""
                        update community_posts p set like_count = greatest(p.like_count - 1, 0)
                        from community_likes l where l.user_id = :user and l.active and p.id = l.post_id""").params(params).update();
        jdbc.sql("delete from community_likes where user_id = :user")
                .params(params)
                .update();
        jdbc.sql("""
                        delete from community_post_edits
                        where post_id in (select id from community_posts where author_id = :user)""").params(params).update();
        List<PostRepository.ImageRow> images = posts.deleteImagesOf(user);
        if (mode == ErasureMode.DELETE) {
            List<UUID> commented = jdbc.sql("select distinct post_id from community_comments where author_id = :user")
                    .params(params)
                    .query(UUID.class)
                    .list();
            jdbc.sql("update community_comments set text = '[erased]', status = 'deleted' where author_id = :user")
                    .params(params)
                    .update();
            // their comments no longer count, nor the replies of others listed under them
            comments.recount(commented);
            jdbc.sql("update community_posts set text = '[erased]', status = 'deleted' where author_id = :user")
                    .params(params)
                    .update();
            jdbc.sql("""
                            delete from community_post_products
                            where post_id in (select id from community_posts where author_id = :user)""").params(params).update();
        }
        images.forEach(image -> pictures.deleteUnused(image.sha256(), image.renditions(), posts::hashInUse));
    }
}
