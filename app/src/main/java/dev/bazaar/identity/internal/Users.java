package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@Repository
class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws DuplicateKeyException when the e-mail is taken (the unique index decides, also under races) */
    void add(User user) {
        jdbc.sql("""
                        insert into identity.users (id, email, name, password_hash, roles, created_at)
                        values (:id, :email, :name, :hash, :roles, :createdAt)""")
                .param("id", user.id().value())
                .param("email", user.email())
                .param("name", user.name())
                .param("hash", user.passwordHash())
                .param("roles", user.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .param("createdAt", Timestamp.from(user.createdAt()))
                .update();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("select * from identity.users where email = :email")
                .param("email", User.normalise(email))
                .query(Users::map).optional();
    }

    Optional<User> findById(UserId id) {
        return jdbc.sql("select * from identity.users where id = :id").param("id", id.value())
                .query(Users::map).optional();
    }

    java.util.List<User> withRole(Role role) {
        return jdbc.sql("select * from identity.users where :role = any(roles) order by email")
                .param("role", role.name()).query(Users::map).list();
    }

    /** @return the account as it is now, or empty for an unknown id */
    Optional<User> setDisabled(UserId id, boolean disabled) {
        return jdbc.sql("update identity.users set disabled = :disabled where id = :id returning *")
                .param("disabled", disabled).param("id", id.value())
                .query(Users::map).optional();
    }

    boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from identity.users)").query(Boolean.class).single();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"),
                Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toSet()),
                rs.getTimestamp("created_at").toInstant(), rs.getBoolean("disabled"));
    }
}
